// Config schemas: validated once at load, then frozen. Unknown keys are errors,
// so that a typo never silently falls back to a default.
import { isIP } from 'node:net';
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';

const cron = z.string().refine((s) => validateCron(s), 'not a valid cron expression (5 or 6 fields)');
const regex = z.string().refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone such as "Asia/Tokyo"');

const proxyAddress = z.string().refine((s) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(s)) return true;
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || !ip || !isIP(ip)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128));
}, 'not an address, CIDR range, or one of loopback, linklocal, uniquelocal');

const share = z.number().min(0).max(1);

/**
 * What a source's runs should look like (`expect:` in its YAML). All optional: unset keys
 * take the defaults of the source's type (schedule/source-expectations.ts). Shares are
 * fractions of a run's stories, 0 to 1.
 */
export const ExpectSchema = z.strictObject({
  minStoriesPerRun: z.number().int().min(0).optional(),
  minStoriesPerDay: z.number().int().min(0).optional(),
  withDate: share.optional(),
  withByline: share.optional(),
  withDateline: share.optional(),
  withImage: share.optional(),
  minBodyLength: z.number().int().min(0).optional(),
  /** A known page of the source and a phrase its story must contain (checked by `wirefeed test`). */
  sample: z.strictObject({ url: httpUrl, contains: z.string().min(1) }).optional(),
  /** The newest story of a run may be at most this old. */
  maxAgeHours: z.number().positive().optional(),
});
export type Expectations = z.infer<typeof ExpectSchema>;

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const id = z.string().regex(ID_PATTERN, 'must match [a-z0-9-]+ (at most 64 characters)');

export const GlobalConfigSchema = z.strictObject({
  title: z.string().default('wirefeed'),
  /** Public URL of this service; defaults to http://localhost:<port>. */
  baseUrl: httpUrl.optional(),
  port: z.number().int().min(0).max(65535).default(8080),
  defaults: z
    .strictObject({
      schedule: cron.default('*/15 * * * *'),
      maxItems: z.number().int().positive().default(50),
      timezone: timezone.default('UTC'),
      language: z.string().default('en'),
    })
    .prefault({}),
  fetch: z
    .strictObject({
      userAgent: z.string().default('wirefeed/0.1 (+https://github.com/wirefeed/wirefeed)'),
      timeoutMs: z.number().int().positive().default(15_000),
      maxBytes: z.number().int().positive().default(10 * 1024 * 1024),
      maxDecompressionRatio: z.number().positive().default(100),
      allowPrivateNetworks: z.boolean().default(false),
      connectTimeoutMs: z.number().int().positive().default(10_000),
      maxRedirects: z.number().int().min(0).default(5),
      retries: z.number().int().min(0).default(2),
      retryBaseMs: z.number().int().min(0).default(500),
      maxRetryAfterMs: z.number().int().min(0).default(60_000),
      perHostConcurrency: z.number().int().positive().default(2),
      perHostDelayMs: z.number().int().min(0).default(1_000),
    })
    .prefault({}),
  /** Threads that parse pages, feeds and sitemaps off the event loop; 0 parses on it. Unset: cores - 1 (1 to 4). */
  parse: z.strictObject({ threads: z.number().int().min(0).max(64).optional() }).prefault({}),
  feeds: z
    .strictObject({
      defaultLimit: z.number().int().positive().default(50),
      maxLimit: z.number().int().positive().default(500),
      /** Threads that filter and render feed documents off the event loop; 0 renders on it. Unset: 1 or 2 by cores. */
      renderThreads: z.number().int().min(0).max(64).optional(),
    })
    .prefault({}),
  websub: z.strictObject({ hub: httpUrl.optional() }).prefault({}),
  /** A source pauses after this many failing runs in a row (blocked, unreachable, broken, misconfigured). */
  health: z.strictObject({ pauseAfter: z.number().int().positive().default(10) }).prefault({}),
  /** Where changes of source health are also POSTed as JSON (besides the /feeds/_health feed). */
  alerts: z.strictObject({ webhook: httpUrl.optional() }).prefault({}),
  /**
   * How long rows are kept (docs: README "Operating for months"). A story also stays while
   * it is among the newest `keepStories` of its source, or inside any feed's window.
   */
  retention: z
    .strictObject({
      runDays: z.number().positive().default(30),
      storyDays: z.number().positive().default(180),
      keepStories: z.number().int().min(0).default(0),
      /** When the prune job wakes (cron, on the injected clock). */
      schedule: cron.default('23 * * * *'),
      /** Rows per delete: each batch is one short write, then the job yields to runs and feeds. */
      batchSize: z.number().int().positive().max(10_000).default(500),
    })
    .prefault({}),
  /** Per-client-IP token bucket on /api/*: `burst` requests at once, refilled at `perMinute`. */
  api: z
    .strictObject({
      rateLimit: z
        .strictObject({
          perMinute: z.number().positive().default(120),
          burst: z.number().int().positive().default(60),
        })
        .prefault({}),
      /**
       * Proxies whose X-Forwarded-For names the client (Express `trust proxy`): false (the
       * socket's peer is the client), a hop count, or addresses, CIDR ranges and the names
       * loopback, linklocal, uniquelocal. Checked here, since Express would throw at start.
       */
      trustProxy: z.union([z.boolean(), z.number().int().min(0), z.array(proxyAddress).min(1)]).default(false),
    })
    .prefault({}),
});
/** After loading, `baseUrl` is always set (without a trailing slash). */
export type GlobalConfig = Omit<z.infer<typeof GlobalConfigSchema>, 'baseUrl'> & { baseUrl: string };

export const NormalizeRulesSchema = z.strictObject({
  titleSuffix: z.string().optional(),
  dropParagraphs: z.array(regex).default([]),
  timezone: timezone.optional(),
});
export type NormalizeRules = z.infer<typeof NormalizeRulesSchema>;

export const ExtractRulesSchema = z.strictObject({
  title: z.string().optional(),
  body: z.string().optional(),
  byline: z.string().optional(),
  date: z.string().optional(),
  dateline: z.string().optional(),
  image: z.string().optional(),
  remove: z.array(z.string()).default([]),
  /** Hosts whose https iframes (video and map embeds) stay in the body; "*.example.com" means its subdomains. */
  allowIframes: z.array(z.string().toLowerCase().regex(/^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'must be a host name such as www.youtube.com or *.example.com')).default([]),
});
export type ExtractRules = z.infer<typeof ExtractRulesSchema>;

export const SourceRetentionSchema = z.strictObject({
  runDays: z.number().positive().optional(),
  storyDays: z.number().positive().optional(),
  keepStories: z.number().int().min(0).optional(),
});
export type SourceRetention = z.infer<typeof SourceRetentionSchema>;

/**
 * Keys every source has, whatever its type. Each source type's schema (beside its adapter
 * in src/sources/) spreads these; the union of all types is built by the source registry.
 */
export const sourceFields = {
  id,
  title: z.string().optional(),
  description: z.string().optional(),
  schedule: cron.optional(),
  enabled: z.boolean().default(true),
  maxItems: z.number().int().positive().optional(),
  language: z.string().optional(),
  normalize: NormalizeRulesSchema.prefault({}),
  expect: ExpectSchema.prefault({}),
  /** Overrides of the global retention for this source's stories and runs. */
  retention: SourceRetentionSchema.optional(),
};

const filterRules = z.strictObject({
  categories: z.array(z.string()).optional(),
  title: regex.optional(),
  body: regex.optional(),
  author: regex.optional(),
});

export const FeedConfigSchema = z.strictObject({
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  sources: z.array(id).min(1),
  include: filterRules.optional(),
  exclude: filterRules.optional(),
  limit: z.number().int().positive().optional(),
});
export type FeedConfig = z.infer<typeof FeedConfigSchema>;
