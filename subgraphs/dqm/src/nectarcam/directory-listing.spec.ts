import { describe, expect, it } from 'vitest';
import { parseDirectoryListing } from './directory-listing.js';

const APACHE = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html><head><title>Index of /dqm</title></head><body><h1>Index of /dqm</h1>
<table><tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th></tr>
<tr><td><a href="/">Parent Directory</a></td></tr>
<tr><td><a href="NectarCAMQM_DQM_Run7002.tar.gz">NectarCAMQM_DQM_Run7002.tar.gz</a></td><td>2026-12-01 10:00</td></tr>
<tr><td><a href="NectarCAMQM_DQM_Run7001.tar.gz">NectarCAMQM_DQM_Run7001.tar.gz</a></td><td>2026-12-01 09:00</td></tr>
<tr><td><a href="NectarCAM2_DQM_Run1500.tar.gz">NectarCAM2_DQM_Run1500.tar.gz</a></td></tr>
<tr><td><a href="notes.txt">notes.txt</a></td></tr>
<tr><td><a href="NectarCAMQM_DQM_Run7001.tar.gz.md5">NectarCAMQM_DQM_Run7001.tar.gz.md5</a></td></tr>
<tr><td><a href="http://elsewhere.example/NectarCAMQM_DQM_Run9.tar.gz">elsewhere</a></td></tr>
</table></body></html>`;

const NGINX = `<html><head><title>Index of /results/</title></head><body><h1>Index of /results/</h1><hr><pre><a href="../">../</a>
<a href='NectarCAMQM_DQM_Run7003.tar.gz'>NectarCAMQM_DQM_Run7003.tar.gz</a>                     01-Dec-2026 10:00     4212345
<a href=NectarCAM3_DQM_Run12.tar.gz>NectarCAM3_DQM_Run12.tar.gz</a>
<a href="NectarCAMQM_DQM_Run7003.tar.gz">again</a>
</pre><hr></body></html>`;

describe('parseDirectoryListing', () => {
  it('finds the results tarballs of an Apache index, in run order, with absolute URLs', () => {
    expect(parseDirectoryListing(APACHE, 'http://dqm.example:8080/dqm')).toEqual([
      expect.objectContaining({ camera: 'NectarCAM2', runNumber: 1500 }),
      {
        fileName: 'NectarCAMQM_DQM_Run7001.tar.gz',
        camera: 'NectarCAMQM',
        runNumber: 7001,
        url: 'http://dqm.example:8080/dqm/NectarCAMQM_DQM_Run7001.tar.gz',
      },
      expect.objectContaining({ camera: 'NectarCAMQM', runNumber: 7002 }),
    ]);
  });

  it('reads an nginx index (single quotes, bare hrefs) and lists each file once', () => {
    expect(parseDirectoryListing(NGINX, 'http://h/results/').map((r) => r.fileName)).toEqual([
      'NectarCAM3_DQM_Run12.tar.gz',
      'NectarCAMQM_DQM_Run7003.tar.gz',
    ]);
  });
});
