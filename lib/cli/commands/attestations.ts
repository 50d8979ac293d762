import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { verifyAttestation, type Jwks } from "@/lib/attestation/verify-attestation";
import { ok } from "@/lib/sdk/client";
import { CliError, EXIT } from "../exit-codes";
import { renderFields, renderTable, when } from "../output";
import { action } from "../run";

// attestations list | verify. Verification happens here, with jose against the published keys
// (/.well-known/jwks.json, or a JWKS file kept from before): the console's own verdict is never
// asked for, so a console that lied could not make a forged statement pass.

export function registerAttestationCommands(program: Command): void {
  const attestations = program.command("attestations").description("Signed residency statements / データ所在の証明");

  attestations
    .command("list", { isDefault: true })
    .description("Statements of the org's workloads / 一覧")
    .action(
      action(async (context) => {
        const { t, out, locale } = context;
        const page = await ok(context.api().GET("/api/v1/orgs/{org}/attestations", { params: { path: { org: context.org() }, query: { limit: 200 } as never } }));
        out.print(page, () =>
          renderTable([t("colId"), t("colResource"), t("colStatus"), t("colFacility"), t("colIssued"), t("colExpires")], page.items.map((a) => [a.id, a.resourceName ?? a.resourceId, a.status, `${a.facility.prefecture} (${a.facility.iso3166_2})`, when(a.issuedAt, locale), when(a.expiresAt, locale)])),
        );
      }),
    );

  attestations
    .command("verify [attestationId]")
    .description("Verify a statement's signature offline against the JWKS / 署名を手元で検証します")
    .option("--file <jws>", "verify this JWS file instead of downloading the statement")
    .option("--jwks <file>", "use this JWKS file instead of fetching /.well-known/jwks.json")
    .option("--nonce <nonce>", "the nonce the statement must echo")
    .action(
      action(async (context, id: string | undefined, options: { file?: string; jwks?: string; nonce?: string }) => {
        const { t, out, locale } = context;
        if (!id && !options.file) throw new CliError(t("verifyNeedsInput"), EXIT.usage);
        const jws = options.file
          ? readFileSync(options.file, "utf8").trim()
          : String(await ok(context.api().GET("/api/v1/orgs/{org}/attestations/{id}/jws", { params: { path: { org: context.org(), id: id! } }, parseAs: "text" }) as Promise<{ data?: string; response: Response }>)).trim();
        const jwks = (options.jwks ? JSON.parse(readFileSync(options.jwks, "utf8")) : await ok(context.api().GET("/.well-known/jwks.json"))) as Jwks;
        const result = await verifyAttestation(jws, jwks, { expectedNonce: options.nonce });
        const claims = result.claims as { sub?: string; exp?: number; residency?: { country?: string; region?: string; zone?: string; facility?: { prefecture?: string; iso3166_2?: string } } } | undefined;
        out.print(result, () =>
          result.valid
            ? `${t("verifyValid")}\n` +
              renderFields([
                [t("colKid"), result.header?.kid as string],
                [t("colResource"), claims?.sub],
                [t("colFacility"), claims?.residency?.facility ? `${claims.residency.facility.prefecture} (${claims.residency.facility.iso3166_2})` : null],
                [t("colZone"), claims?.residency?.zone],
                [t("colExpires"), claims?.exp ? when(new Date(claims.exp * 1000).toISOString(), locale) : null],
              ])
            : t("verifyInvalid", { reason: result.reason }),
        );
        if (!result.valid) process.exitCode = EXIT.verificationFailed;
      }),
    );
}
