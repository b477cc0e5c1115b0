/** An expected failure of a backup or restore (a refused target, a wrong archive, a missing tool): said as it is. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
