/** Versioned, append-only: never edit a released migration, add the next one. */
export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL,
        url TEXT,
        sort_date TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        data TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_changed TEXT NOT NULL
      );
      CREATE INDEX stories_by_source_date ON stories (source_id, sort_date DESC, id DESC);
      CREATE INDEX stories_by_source_url ON stories (source_id, url);
      CREATE TABLE source_state (
        source_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        last_changed TEXT
      );
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE INDEX runs_by_source ON runs (source_id, id DESC);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE http_validators (
        source_id TEXT NOT NULL,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        checked_at TEXT NOT NULL,
        PRIMARY KEY (source_id, url)
      );
    `,
  },
  {
    version: 3,
    sql: `
      -- One run lease per source (see Store.acquireLease); expires_at in ms since epoch.
      CREATE TABLE leases (
        source_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        slot TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        released INTEGER NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 4,
    sql: `
      -- Which tick a scheduled run was for and which worker ran it; the unique index is
      -- the database's own guarantee that no tick of a source runs twice.
      ALTER TABLE runs ADD COLUMN slot TEXT;
      ALTER TABLE runs ADD COLUMN owner TEXT;
      CREATE UNIQUE INDEX runs_once_per_tick ON runs (source_id, slot) WHERE slot IS NOT NULL;
    `,
  },
  {
    // The status page counts stories per day by when they were first seen.
    version: 5,
    sql: `CREATE INDEX stories_by_source_first_seen ON stories (source_id, first_seen);`,
  },
  {
    // What the files source knew of each story file when it stored its story: lets a
    // run skip unchanged files unparsed (see Store.storyFileMarks).
    version: 6,
    sql: `
      CREATE TABLE story_files (
        source_id TEXT NOT NULL,
        name TEXT NOT NULL,
        stat TEXT NOT NULL,
        stat_trusted INTEGER NOT NULL,
        parser TEXT NOT NULL,
        file_hash TEXT NOT NULL,
        story_id TEXT NOT NULL,
        story_hash TEXT NOT NULL,
        PRIMARY KEY (source_id, name)
      );
    `,
  },
  {
    // A body hash beside the validators: an upstream that sends no ETag or Last-Modified
    // but the same bytes is not parsed again (see buildFetchResult).
    version: 7,
    sql: `ALTER TABLE http_validators ADD COLUMN body_hash TEXT;`,
  },
  {
    // When each feed was first served (see StoryStore.firstServed): an empty feed's
    // lastBuildDate / updated, stable across requests, processes and restarts.
    version: 8,
    sql: `CREATE TABLE feed_state (feed_id TEXT PRIMARY KEY, first_served TEXT NOT NULL);`,
  },
  {
    // Source health: each run's verdict on its row (the state alone too, for per-day
    // charts), each source's current health and pause, and every change of health.
    version: 9,
    sql: `
      ALTER TABLE runs ADD COLUMN health_state TEXT;
      ALTER TABLE runs ADD COLUMN health TEXT;
      CREATE TABLE source_health (
        source_id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        reason TEXT NOT NULL,
        example TEXT,
        since TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        failing_runs INTEGER NOT NULL,
        paused_until TEXT
      );
      CREATE TABLE health_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_id TEXT NOT NULL,
        at TEXT NOT NULL,
        state TEXT NOT NULL,
        previous TEXT,
        reason TEXT NOT NULL,
        example TEXT
      );
    `,
  },
  {
    // Retention asks, for each story it would prune, whether a story-file mark points at it.
    version: 10,
    sql: `CREATE INDEX story_files_by_story ON story_files (story_id);`,
  },
  {
    // Story lifecycle (src/store/story-revision.ts): every replaced version of a story with
    // what replaced it (when, which run, what changed, its correction note); the embargo
    // a story was stored under (feeds list it from then on) and its withdrawal; since when
    // a story file is gone (the files source withdraws its story after a grace period).
    version: 11,
    sql: `
      CREATE TABLE story_versions (
        story_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        data TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        run_id INTEGER,
        changes TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (story_id, seq)
      );
      CREATE INDEX story_versions_by_source ON story_versions (source_id, replaced_at);
      ALTER TABLE stories ADD COLUMN embargo_until TEXT;
      ALTER TABLE stories ADD COLUMN withdrawn_at TEXT;
      CREATE INDEX stories_embargoed ON stories (source_id, embargo_until) WHERE embargo_until IS NOT NULL;
      ALTER TABLE story_files ADD COLUMN missing_since TEXT;
    `,
  },
];
