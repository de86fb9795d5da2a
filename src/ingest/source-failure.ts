/** A feed that could not be read this run, with the reason; the ingest logs it and tries again next run. */
export class SourceFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SourceFailure';
  }
}
