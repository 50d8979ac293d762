import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

// A real, self-signed X.509 v3 CA certificate per cluster (ECDSA P-256, SHA-256), so the
// kubeconfig the console hands out carries a CA that `kubectl`, openssl and any TLS stack parse.
// Node can parse certificates but not create them, hence this minimal DER writer (RFC 5280).

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, content: Buffer) => Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const octetString = (content: Buffer) => tlv(0x04, content);
const bitString = (content: Buffer, unusedBits = 0) => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content);
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));

/** A non-negative INTEGER in minimal two's-complement form. */
function integer(value: Buffer | number): Buffer {
  let bytes = typeof value === "number" ? Buffer.from([value]) : value;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  const out = [40 * arcs[0] + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2030-01-01T00:00:00.000Z
  const digits = iso.slice(0, 19).replace(/[-:T]/g, "");
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, "ascii")) : tlv(0x18, Buffer.from(`${digits}Z`, "ascii"));
}

const OID = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  countryName: "2.5.4.6",
  organizationName: "2.5.4.10",
  organizationalUnitName: "2.5.4.11",
  commonName: "2.5.4.3",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  subjectKeyIdentifier: "2.5.29.14",
};

function name(attributes: [oid: string, value: string, printable?: boolean][]): Buffer {
  return sequence(
    ...attributes.map(([oid, value, printable]) =>
      set(sequence(objectIdentifier(oid), tlv(printable ? 0x13 : 0x0c, Buffer.from(value, "utf8")))),
    ),
  );
}

const pem = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END ${label}-----\n`;

export interface CertificateAuthority {
  certificatePem: string;
  privateKeyPem: string;
}

export interface CaSubject {
  clusterId: string;
  organization: string;
}

/** A self-signed CA valid from `nowMs` (less five minutes of clock skew) for ten years. */
export function createCertificateAuthority(subject: CaSubject, nowMs: number): CertificateAuthority {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  // The key identifier is the SHA-1 of the public key's bit string (RFC 5280 §4.2.1.2, method 1);
  // for P-256 that bit string is the last 65 bytes of the SPKI.
  const keyIdentifier = createHash("sha1").update(spki.subarray(spki.length - 65)).digest();
  const serial = randomBytes(16);
  serial[0] &= 0x7f;

  const distinguishedName = name([
    [OID.countryName, "JP", true],
    [OID.organizationName, subject.organization],
    [OID.organizationalUnitName, subject.clusterId],
    [OID.commonName, "kubernetes-ca"],
  ]);
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  // keyUsage: digitalSignature (bit 0), keyCertSign (bit 5), cRLSign (bit 6) → 1000 0110, one unused bit.
  const keyUsage = bitString(Buffer.from([0x86]), 1);

  const tbs = sequence(
    explicit(0, integer(2)), // v3
    integer(serial),
    signatureAlgorithm,
    distinguishedName,
    sequence(time(nowMs - 5 * 60_000), time(nowMs + 10 * 365 * 24 * 3600_000)),
    distinguishedName,
    spki,
    explicit(
      3,
      sequence(
        sequence(objectIdentifier(OID.basicConstraints), boolean(true), octetString(sequence(boolean(true)))),
        sequence(objectIdentifier(OID.keyUsage), boolean(true), octetString(keyUsage)),
        sequence(objectIdentifier(OID.subjectKeyIdentifier), octetString(octetString(keyIdentifier))),
      ),
    ),
  );
  const signature = sign("sha256", tbs, privateKey); // DER-encoded ECDSA-Sig-Value
  const certificate = sequence(tbs, signatureAlgorithm, bitString(signature));

  return {
    certificatePem: pem("CERTIFICATE", certificate),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
