// How a customer verifies a statement with nothing but a shell, jq and the openssl CLI — for the
// console's "how to verify" page. openssl cannot read a JWK or a JOSE signature directly, so
// the recipe rebuilds both in the forms it does read: the P-256 public key as a DER
// SubjectPublicKeyInfo (→ PEM), and the raw 64-byte r||s signature as a DER ECDSA-Sig-Value.
// A test runs this exact text with the real openssl against a statement we issued.
//
// Plain strings (not template literals) so that the shell's own ${…} stays as written.

export interface OpensslRecipeStep {
  titleJa: string;
  titleEn: string;
  script: string;
}

export const OPENSSL_RECIPE_STEPS: readonly OpensslRecipeStep[] = [
  {
    titleJa: "証明（attestation.jws）と公開鍵（jwks.json）を用意する",
    titleEn: "Get the statement (attestation.jws) and the published keys (jwks.json)",
    script: [
      "# curl -fsS https://<console>/.well-known/jwks.json -o jwks.json",
      "set -eu",
      "JWS=$(tr -d ' \\n\\r' < attestation.jws)",
      "HEADER=$(printf '%s' \"$JWS\" | cut -d. -f1)",
      "PAYLOAD=$(printf '%s' \"$JWS\" | cut -d. -f2)",
      "SIG=$(printf '%s' \"$JWS\" | cut -d. -f3)",
      "# base64url (no padding) -> bytes, and bytes -> hex",
      "b64url_decode() { s=$(tr '_-' '/+'); while [ $(( ${#s} % 4 )) -ne 0 ]; do s=\"$s=\"; done; printf '%s' \"$s\" | openssl base64 -d -A; }",
      "hex() { od -An -v -tx1 | tr -d ' \\n'; }",
    ].join("\n"),
  },
  {
    titleJa: "ヘッダーを確認し、アルゴリズムをES256に固定する",
    titleEn: "Read the header and pin the algorithm to ES256 yourself",
    script: [
      "printf '%s' \"$HEADER\" | b64url_decode | jq .",
      "[ \"$(printf '%s' \"$HEADER\" | b64url_decode | jq -r .alg)\" = ES256 ] || { echo 'not ES256: refuse'; exit 1; }",
      "KID=$(printf '%s' \"$HEADER\" | b64url_decode | jq -r .kid)",
    ].join("\n"),
  },
  {
    titleJa: "JWKの公開鍵をPEMに変換する",
    titleEn: "Turn the JWK into a PEM public key",
    script: [
      "X=$(jq -r --arg kid \"$KID\" '.keys[] | select(.kid == $kid) | .x' jwks.json)",
      "Y=$(jq -r --arg kid \"$KID\" '.keys[] | select(.kid == $kid) | .y' jwks.json)",
      "[ -n \"$X\" ] && [ -n \"$Y\" ] || { echo \"kid $KID is not in jwks.json\"; exit 1; }",
      "# SubjectPublicKeyInfo { id-ecPublicKey, prime256v1 } with the uncompressed point 04||x||y",
      "cat > spki.cnf <<EOF",
      "asn1 = SEQUENCE:spki",
      "[spki]",
      "algorithm = SEQUENCE:algorithm",
      "key = FORMAT:HEX,BITSTRING:04$(printf '%s' \"$X\" | b64url_decode | hex)$(printf '%s' \"$Y\" | b64url_decode | hex)",
      "[algorithm]",
      "type = OID:id-ecPublicKey",
      "curve = OID:prime256v1",
      "EOF",
      "openssl asn1parse -genconf spki.cnf -out key.der -noout",
      "openssl pkey -pubin -inform DER -in key.der -out key.pem",
    ].join("\n"),
  },
  {
    titleJa: "署名（r||s、64バイト）をDER形式に変換する",
    titleEn: "Turn the raw r||s signature (64 bytes) into DER",
    script: [
      "SIGHEX=$(printf '%s' \"$SIG\" | b64url_decode | hex)",
      "[ ${#SIGHEX} -eq 128 ] || { echo 'signature is not 64 bytes'; exit 1; }",
      "# base64 decoders ignore the last character's 4 spare bits; insist on the one true encoding",
      "[ \"$(printf '%s' \"$SIG\" | b64url_decode | openssl base64 -A | tr '/+' '_-' | tr -d '=')\" = \"$SIG\" ] || { echo 'signature is not canonical base64url'; exit 1; }",
      "cat > sig.cnf <<EOF",
      "asn1 = SEQUENCE:sig",
      "[sig]",
      "r = INTEGER:0x$(printf '%s' \"$SIGHEX\" | cut -c1-64)",
      "s = INTEGER:0x$(printf '%s' \"$SIGHEX\" | cut -c65-128)",
      "EOF",
      "openssl asn1parse -genconf sig.cnf -out sig.der -noout",
    ].join("\n"),
  },
  {
    titleJa: "opensslで署名を検証する（「Verified OK」と表示されれば成功）",
    titleEn: "Verify with openssl (success prints \"Verified OK\")",
    script: [
      "# The signed bytes are the ASCII text HEADER.PAYLOAD, exactly as in the statement.",
      "printf '%s.%s' \"$HEADER\" \"$PAYLOAD\" > signing-input.txt",
      "openssl dgst -sha256 -verify key.pem -signature sig.der signing-input.txt",
    ].join("\n"),
  },
  {
    titleJa: "内容と有効期限を確認する",
    titleEn: "Read the claims and check the validity period",
    script: [
      "printf '%s' \"$PAYLOAD\" | b64url_decode | jq '{sub, aud, iat, exp, residency, appraisal}'",
      "[ \"$(printf '%s' \"$PAYLOAD\" | b64url_decode | jq -r .exp)\" -gt \"$(date +%s)\" ] || echo 'EXPIRED (still genuine, but no longer current)'",
    ].join("\n"),
  },
];

/** The whole recipe as one POSIX shell script, run in a directory holding attestation.jws and jwks.json. */
export function opensslRecipeScript(): string {
  return OPENSSL_RECIPE_STEPS.map((s) => `# --- ${s.titleEn}\n${s.script}`).join("\n\n") + "\n";
}
