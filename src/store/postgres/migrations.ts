/**
 * Versioned, append-only: never edit a released migration, add the next one.
 * Text columns that are compared or sorted are COLLATE "C" so that order is byte order,
 * as in SQLite, whatever locale the database was created with.
 */
export const POSTGRES_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE stories (
        id text COLLATE "C" PRIMARY KEY,
        source_id text COLLATE "C" NOT NULL,
        url text,
        sort_date text COLLATE "C" NOT NULL,
        content_hash text NOT NULL,
        data text NOT NULL,
        first_seen text NOT NULL,
        last_changed text NOT NULL
      );
      CREATE INDEX stories_by_source_date ON stories (source_id, sort_date DESC, id DESC);
      CREATE INDEX stories_by_source_url ON stories (source_id, url);
      CREATE TABLE source_state (
        source_id text COLLATE "C" PRIMARY KEY,
        version bigint NOT NULL,
        last_changed text COLLATE "C"
      );
      CREATE TABLE runs (
        id bigserial PRIMARY KEY,
        source_id text COLLATE "C" NOT NULL,
        started_at text NOT NULL,
        finished_at text,
        status text NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
        new integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        error text
      );
      CREATE INDEX runs_by_source ON runs (source_id, id DESC);
      CREATE TABLE http_validators (
        source_id text COLLATE "C" NOT NULL,
        url text COLLATE "C" NOT NULL,
        etag text,
        last_modified text,
        checked_at text NOT NULL,
        PRIMARY KEY (source_id, url)
      );
      -- One run lease per source (see Store.acquireLease); expiry is database time.
      CREATE TABLE leases (
        source_id text COLLATE "C" PRIMARY KEY,
        owner text NOT NULL,
        slot text COLLATE "C" NOT NULL,
        expires_at timestamptz NOT NULL,
        released boolean NOT NULL DEFAULT false
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- Which tick a scheduled run was for and which worker ran it; the unique index is
      -- the database's own guarantee that no tick of a source runs twice.
      ALTER TABLE runs ADD COLUMN slot text COLLATE "C", ADD COLUMN owner text;
      CREATE UNIQUE INDEX runs_once_per_tick ON runs (source_id, slot) WHERE slot IS NOT NULL;
    `,
  },
  {
    // The status page counts stories per day by when they were first seen.
    version: 3,
    sql: `CREATE INDEX stories_by_source_first_seen ON stories (source_id, first_seen COLLATE "C");`,
  },
  {
    // What the files source knew of each story file when it stored its story: lets a
    // run skip unchanged files unparsed (see Store.storyFileMarks).
    version: 4,
    sql: `
      CREATE TABLE story_files (
        source_id text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        stat text NOT NULL,
        stat_trusted boolean NOT NULL,
        parser text NOT NULL,
        file_hash text NOT NULL,
        story_id text NOT NULL,
        story_hash text NOT NULL,
        PRIMARY KEY (source_id, name)
      );
    `,
  },
  {
    // A body hash beside the validators: an upstream that sends no ETag or Last-Modified
    // but the same bytes is not parsed again (see buildFetchResult).
    version: 5,
    sql: `ALTER TABLE http_validators ADD COLUMN body_hash text;`,
  },
  {
    // When each feed was first served (see StoryStore.firstServed): an empty feed's
    // lastBuildDate / updated, stable across requests, processes and restarts.
    version: 6,
    sql: `CREATE TABLE feed_state (feed_id text COLLATE "C" PRIMARY KEY, first_served text NOT NULL);`,
  },
  {
    // Source health: each run's verdict on its row (the state alone too, for per-day
    // charts), each source's current health and pause, and every change of health.
    version: 7,
    sql: `
      ALTER TABLE runs ADD COLUMN health_state text, ADD COLUMN health text;
      CREATE TABLE source_health (
        source_id text COLLATE "C" PRIMARY KEY,
        state text NOT NULL,
        reason text NOT NULL,
        example text,
        since text NOT NULL,
        checked_at text NOT NULL,
        failing_runs integer NOT NULL,
        paused_until text
      );
      CREATE TABLE health_events (
        id bigserial PRIMARY KEY,
        source_id text COLLATE "C" NOT NULL,
        at text NOT NULL,
        state text NOT NULL,
        previous text,
        reason text NOT NULL,
        example text
      );
    `,
  },
  {
    // Retention asks, for each story it would prune, whether a story-file mark points at it.
    version: 8,
    sql: `CREATE INDEX story_files_by_story ON story_files (story_id);`,
  },
  {
    // Story lifecycle (src/store/story-revision.ts): every replaced version of a story with
    // what replaced it (when, which run, what changed, its correction note); the embargo
    // a story was stored under (feeds list it from then on) and its withdrawal; since when
    // a story file is gone (the files source withdraws its story after a grace period).
    version: 9,
    sql: `
      CREATE TABLE story_versions (
        story_id text COLLATE "C" NOT NULL,
        seq integer NOT NULL,
        source_id text COLLATE "C" NOT NULL,
        data text NOT NULL,
        stored_at text NOT NULL,
        replaced_at text COLLATE "C" NOT NULL,
        run_id integer,
        changes text NOT NULL,
        note text,
        PRIMARY KEY (story_id, seq)
      );
      CREATE INDEX story_versions_by_source ON story_versions (source_id, replaced_at);
      ALTER TABLE stories ADD COLUMN embargo_until text COLLATE "C", ADD COLUMN withdrawn_at text;
      CREATE INDEX stories_embargoed ON stories (source_id, embargo_until) WHERE embargo_until IS NOT NULL;
      ALTER TABLE story_files ADD COLUMN missing_since text;
    `,
  },
];
