// A test that needs something this machine may lack (a browser, a corpus checked out
// beside the repository, a server binary). Locally it is skipped with the reason
// printed; under CI=1 it fails, so CI never passes with a test quietly not run.
// Only for what the machine lacks: code of this project is never "unavailable".

/** Skips the running test when `missing` names something absent (fails under CI=1). */
export function skipUnavailable(ctx: Mocha.Context, missing: string | null | false): void {
  if (!missing) return;
  if (process.env.CI) throw new Error(`needed in CI but unavailable: ${missing}`);
  console.log(`      skipped: ${missing}`);
  ctx.skip();
}

/**
 * For a suite whose every test needs the same thing: when `missing` names something
 * absent, defines one test that skips (or fails under CI=1) with the reason, and returns
 * true so that the suite defines nothing else.
 */
export function suiteUnavailable(missing: string | null | false): boolean {
  if (!missing) return false;
  it(`skipped: ${missing}`, function () {
    skipUnavailable(this, missing);
  });
  return true;
}

/**
 * For a suite that measures against reference data kept outside the repository (the
 * shared page corpora beside the checkout): a clean CI checkout cannot install it, so
 * its absence is printed and skipped even under CI=1. The repository's own fixtures
 * test the same code; the corpora add figures, not coverage.
 */
export function suiteWithoutData(missing: string | null | false): boolean {
  if (!missing) return false;
  it(`skipped: ${missing}`, function () {
    console.log(`      skipped: ${missing}`);
    this.skip();
  });
  return true;
}
