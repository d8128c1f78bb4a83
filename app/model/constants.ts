/** Constants shared by the app and the sync server: enumerations, limits and schema versions. */

/** The `schemaVersion` every newly written document carries; 2 added `attachments` on messages (issue 13). */
export const SCHEMA_VERSION = 2;
/** The server accepts the current and the previous version, so a device offline during a deploy loses nothing. */
export const ACCEPTED_SCHEMA_VERSIONS: readonly number[] = [SCHEMA_VERSION - 1, SCHEMA_VERSION];

export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** A customer's rating of the answer on a resolved ticket. */
export const RATING_VALUES = ['good', 'bad'] as const;
export type RatingValue = (typeof RATING_VALUES)[number];

export const CHANNELS = ['portal', 'email', 'chat'] as const;
export type Channel = (typeof CHANNELS)[number];

export const VISIBILITIES = ['public', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const AUTHOR_ROLES = ['customer', 'agent', 'system'] as const;
export type AuthorRole = (typeof AUTHOR_ROLES)[number];

export const USER_ROLES = ['customer', 'agent'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The replicated collections; each is one RxDB collection and one server database under `/db/{name}/`. */
export const COLLECTIONS = ['tickets', 'messages'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/**
 * Collections only the server writes and only agents read, pull-only (`deliveries`: email delivery states); for a
 * customer each is a database that does not exist.
 */
export const AGENT_READ_COLLECTIONS = ['deliveries'] as const;
export type AgentReadCollection = (typeof AGENT_READ_COLLECTIONS)[number];
/** Every collection a device may replicate from `/db/{name}/`. */
export type FeedCollection = CollectionName | AgentReadCollection;

/** Text limits, counted in characters after trimming. */
export const LIMITS = {
  subjectMin: 3,
  subjectMax: 200,
  descriptionMax: 10_000,
  firstMessageMin: 10,
  replyMin: 1,
  messageMax: 20_000,
  nameMax: 200,
  ratingCommentMax: 1_000,
  idMax: 64,
} as const;
