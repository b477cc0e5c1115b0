/** One example operation offered in the explorer: a tab of its own, with its variables. */
export interface ExplorerExample {
  domain: 'workflow' | 'dcs' | 'dqm' | 'alerts' | 'ops';
  /** What it shows, as the picker lists it. */
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Needs the ADMIN role (the picker marks it; the hub refuses it to others with FORBIDDEN). */
  admin?: boolean;
}

/** Example operations for each domain: a query and a live subscription at least. */
export const EXPLORER_EXAMPLES: readonly ExplorerExample[] = [
  {
    domain: 'ops',
    title: 'Who am I, and the job queues',
    query: `# Signed in as you: the explorer sends your session's token with every request.
query Me {
  me {
    id
    username
    roles
  }
  queues {
    name
    paused
    counts {
      waiting
      active
      failed
    }
  }
}`,
  },
  {
    domain: 'ops',
    title: 'Audit log since a date (ADMIN)',
    admin: true,
    query: `query RecentAudit($since: DateTime) {
  auditLog(first: 20, since: $since) {
    totalCount
    edges {
      node {
        at
        kind
        target
        actor {
          username
        }
        detail
      }
    }
  }
}`,
    variables: { since: '2026-01-01T00:00:00Z' },
  },
  {
    domain: 'ops',
    title: 'Audited actions as they happen (ADMIN)',
    admin: true,
    query: `subscription AuditLive($kind: String) {
  auditEntryAdded(kind: $kind) {
    at
    kind
    target
    actor {
      username
    }
  }
}`,
    variables: { kind: null },
  },
  {
    domain: 'workflow',
    title: 'Observation unit sets waiting for review',
    query: `query OusReadyForReview {
  obsUnitSets(state: READY_FOR_REVIEW, first: 10) {
    totalCount
    edges {
      node {
        id
        programId
        state
        executive
        updatedAt
      }
    }
  }
}`,
  },
  {
    domain: 'workflow',
    title: 'OUS state changes, live',
    query: `subscription OusTransitions($programId: String) {
  ousStateChanged(programId: $programId) {
    eventId
    ous {
      id
      state
    }
    transition {
      from
      to
      at
      actor {
        username
      }
    }
  }
}`,
    variables: { programId: null },
  },
  {
    domain: 'dcs',
    title: 'Devices and their latest readings',
    query: `query Devices {
  devices {
    id
    name
    kind
    state
    online
    latest {
      metric
      value
      at
    }
  }
}`,
  },
  {
    domain: 'dcs',
    title: 'Readings as they arrive',
    query: `subscription Readings($deviceId: ID, $metric: String) {
  readingAdded(deviceId: $deviceId, metric: $metric) {
    deviceId
    metric
    value
    at
  }
}`,
    variables: { deviceId: null, metric: 'temperature' },
  },
  {
    domain: 'dqm',
    title: 'Latest DQM runs',
    query: `query DqmRuns {
  dqmRuns(first: 5) {
    totalCount
    edges {
      node {
        camera
        runNumber
        startedAt
        endedAt
        quantities {
          key
        }
      }
    }
  }
}`,
  },
  {
    domain: 'dqm',
    title: 'DQM runs as they are ingested',
    query: `subscription DqmRunIngested {
  dqmRunIngested {
    camera
    runNumber
    startedAt
  }
}`,
  },
  {
    domain: 'alerts',
    title: 'Cone search with light curves',
    query: `query Cone($ra: Float!, $dec: Float!, $radiusArcsec: Float!) {
  coneSearch(ra: $ra, dec: $dec, radiusArcsec: $radiusArcsec, first: 5) {
    separationArcsec
    object {
      id
      ra
      decl
      lightCurve {
        points {
          mjd
          filterName
          psFlux
          psFluxErr
        }
      }
    }
  }
}`,
    variables: { ra: 150.0, dec: 2.2, radiusArcsec: 60 },
  },
  {
    domain: 'alerts',
    title: 'Alerts as they are ingested',
    query: `subscription AlertsIngested {
  alertIngested {
    alertId
    diaObject {
      id
    }
    diaSource {
      id
      midPointTai
      filterName
    }
  }
}`,
  },
];

/** GraphiQL's tabs for the examples, the first domain's first example first. */
export function explorerTabs(examples: readonly ExplorerExample[] = EXPLORER_EXAMPLES) {
  return examples.map((e) => ({
    query: e.query,
    ...(e.variables ? { variables: JSON.stringify(e.variables, null, 2) } : {}),
  }));
}

/** The first example of each domain, in the order the list gives the domains. */
export function firstOfEachDomain(examples: readonly ExplorerExample[]): ExplorerExample[] {
  const seen = new Set<string>();
  return examples.filter((e) => !seen.has(e.domain) && seen.add(e.domain));
}
