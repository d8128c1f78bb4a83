/**
 * The Lua scripts of the Redis index (ARCHITECTURE.md "Growing past one machine"), each one atomic in Redis.
 * Keys live under `{prefix}:{epoch}:`, so an index rebuilt under a new epoch never reads an old one's keys.
 *   {prefix}:epoch, {prefix}:epoch-run    the index's epoch and the Redis run_id it was made under
 *   {e}:doc:{c}                           hash: doc id → "rev\tcustomerId\tvisible" (what is indexed)
 *   {e}:n:{c}:{customer}                  that customer's counter
 *   {e}:z:{c}:{customer}                  sorted set: doc id → its position (visible documents only)
 *   {e}:ckpt:{c}                          the CouchDB seq the index has read up to
 * Published on {prefix}:events: "i\t{epoch}\t{c}\t{customer}\t{n}" per indexed change.
 */

/** ARGV: prefix, run_id, candidate epoch. Returns the epoch in force: a new one unless it was made under this run_id. */
export const ENSURE_EPOCH = `
local P, run, candidate = ARGV[1], ARGV[2], ARGV[3]
local epoch = redis.call('GET', P .. ':epoch')
if epoch and redis.call('GET', P .. ':epoch-run') == run then return epoch end
redis.call('SET', P .. ':epoch', candidate)
redis.call('SET', P .. ':epoch-run', run)
return candidate
`;

/**
 * ARGV: prefix, epoch, collection, doc id, rev, customer id ('' for a tombstone), visible ('1', '0', '' to keep).
 * Returns -1 when the epoch is no longer in force, 0 when the revision is indexed already (a rewound feed) or
 * the document is nobody's, else the customer's new position (and publishes it).
 */
export const INDEX_CHANGE = `
local P, e, c, id, rev, customer, visible = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
if redis.call('GET', P .. ':epoch') ~= e then return -1 end
local base = P .. ':' .. e .. ':'
local docs = base .. 'doc:' .. c
local previous = redis.call('HGET', docs, id)
local prevRev, prevCustomer, prevVisible
if previous then prevRev, prevCustomer, prevVisible = string.match(previous, '^([^\\t]*)\\t([^\\t]*)\\t([01])$') end
if prevRev == rev then return 0 end
if customer == '' then customer = prevCustomer end
if not customer or customer == '' then return 0 end
if visible == '' then visible = prevVisible or '1' end
if prevCustomer and prevCustomer ~= customer then redis.call('ZREM', base .. 'z:' .. c .. ':' .. prevCustomer, id) end
local n = redis.call('INCR', base .. 'n:' .. c .. ':' .. customer)
local z = base .. 'z:' .. c .. ':' .. customer
if visible == '1' then redis.call('ZADD', z, n, id) else redis.call('ZREM', z, id) end
redis.call('HSET', docs, id, rev .. '\\t' .. customer .. '\\t' .. visible)
redis.call('PUBLISH', P .. ':events', 'i\\t' .. e .. '\\t' .. c .. '\\t' .. customer .. '\\t' .. n)
return n
`;

/**
 * ARGV: prefix, collection, customer, cursor epoch ('' for none), after, limit. Returns false when there is no
 * epoch (Redis lost its state), else { epoch, counter, after used, id1, position1, rev1, id2, position2, rev2, … }
 * (the revision indexed at that position): a cursor of another epoch, or past the counter, reads from the start.
 */
export const READ_PAGE = `
local P, c, customer, cursorEpoch, after, limit = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
local e = redis.call('GET', P .. ':epoch')
if not e then return false end
local base = P .. ':' .. e .. ':'
local counter = tonumber(redis.call('GET', base .. 'n:' .. c .. ':' .. customer) or '0')
if cursorEpoch ~= e or after > counter then after = 0 end
local reply = { e, counter, after }
if limit > 0 then
  local rows = redis.call('ZRANGEBYSCORE', base .. 'z:' .. c .. ':' .. customer, '(' .. after, '+inf', 'WITHSCORES', 'LIMIT', 0, limit)
  local docs = base .. 'doc:' .. c
  for i = 1, #rows, 2 do
    local indexed = redis.call('HGET', docs, rows[i]) or ''
    reply[#reply + 1] = rows[i]
    reply[#reply + 1] = rows[i + 1]
    reply[#reply + 1] = string.match(indexed, '^([^\\t]*)') or ''
  end
end
return reply
`;

/** KEYS: lease key. ARGV: token, ms. Takes the lease when free or renews it when held with `token`; 1 when held. */
export const HOLD_LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS: lease key. ARGV: token. Gives the lease up if `token` holds it. */
export const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
