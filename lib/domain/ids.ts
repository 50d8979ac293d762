// Opaque, prefixed, time-sortable ids (`cl_01JD…`): 48 bits of milliseconds and 80 random bits
// in Crockford base32, so ids sort by creation time and keyset pagination can order by id.

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const ID_PREFIXES = {
  user: "usr",
  org: "org",
  membership: "mem",
  invitation: "ivt",
  apiToken: "tok",
  audit: "aud",
  cluster: "cl",
  nodePool: "np",
  node: "nd",
  endpoint: "ep",
  endpointKey: "ek",
  operation: "op",
  attestation: "at",
  invoice: "inv",
  budget: "bud",
  notification: "ntf",
  outboundEmail: "eml",
  quotaRequest: "qr",
  usage: "us",
  signingKey: "key",
  note: "note",
  contract: "ct",
  request: "req",
  userIdentity: "uid",
  orgDomain: "dom",
  identityProvider: "idp",
  ssoLink: "lnk",
  recoveryCode: "rc",
  costCenter: "cc",
  costAllocation: "cca",
  approvalPolicy: "apol",
  approvalDelegation: "adel",
  approvalRequest: "areq",
  approvalDecision: "adec",
  reservation: "rsv",
  capacityRequest: "cr",
  healthEvent: "he",
  inferenceFile: "file",
  batch: "batch",
  loraAdapter: "lora",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

function encodeTime(ms: number): string {
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 base32 characters.
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

// Monotonic within a millisecond: ids made in the same millisecond (a batch of notifications,
// audit entries of one transaction) must still sort in the order they were made, because lists
// page newest-first by id. The random part is incremented instead of drawn again. The state is
// process-wide (globalThis): Next's bundles and the custom server's bundle each carry a copy of
// this module and mint ids for the same tables.
const SEQUENCE = Symbol.for("hinoki.ulidSequence");
type Sequence = { lastTime: number; lastRandom: Uint8Array };
const sequence = (): Sequence => ((globalThis as { [SEQUENCE]?: Sequence })[SEQUENCE] ??= { lastTime: -1, lastRandom: new Uint8Array(10) });

function increment(bytes: Uint8Array): void {
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = (bytes[i] + 1) & 0xff;
    if (bytes[i] !== 0) return;
  }
}

// Random bytes drawn 4 KB at a time: ids are minted on hot paths (every gateway request has
// one), and one call to the system's generator per id cost more than the id's encoding.
const POOL = Symbol.for("hinoki.ulidRandomPool");
type Pool = { bytes: Uint8Array; used: number };
const pool = (): Pool => ((globalThis as { [POOL]?: Pool })[POOL] ??= { bytes: new Uint8Array(4096), used: 4096 });

function fillRandom(into: Uint8Array): void {
  const p = pool();
  if (p.used + into.length > p.bytes.length) {
    globalThis.crypto.getRandomValues(p.bytes);
    p.used = 0;
  }
  into.set(p.bytes.subarray(p.used, p.used + into.length));
  p.used += into.length;
}

export function ulid(now = Date.now()): string {
  const s = sequence();
  if (now === s.lastTime) {
    increment(s.lastRandom);
  } else {
    fillRandom(s.lastRandom);
    // Leave headroom so increments within one millisecond never wrap around.
    s.lastRandom[0] &= 0x7f;
    s.lastTime = now;
  }
  return encodeTime(now) + encodeRandom(s.lastRandom);
}

export function newId(kind: IdKind, now?: number): string {
  const prefix = ID_PREFIXES[kind];
  return `${prefix}_${ulid(now)}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  const prefix = ID_PREFIXES[kind];
  return id.startsWith(`${prefix}_`) && id.length === prefix.length + 27;
}
