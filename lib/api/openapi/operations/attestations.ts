import { OrgIdParams, OrgParams } from "../../params";
import { AttestationDetail, AttestationListFilter, AttestationListItem, Jwks, KeyRotation, RequestAttestationInput } from "@/lib/domain/attestation-api";
import { ListQuery, page } from "@/lib/domain/common";
import { ResidencyPolicy, UpdateResidencyPolicyInput } from "@/lib/domain/residency-policy";
import type { ApiOperation } from "../types";

// Residency attestations (signed statements of where a workload runs), their public keys, and
// the org's residency policy.

export const attestationOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/orgs/{org}/attestations", operationId: "listAttestations", summary: "Residency attestations of the org's clusters and endpoints, newest first (filter by resource or status)", tag: "Attestations", params: OrgParams, query: ListQuery.extend(AttestationListFilter.shape), responses: { 200: { description: "Attestations", schema: page(AttestationListItem) } } },
  { method: "post", path: "/api/v1/orgs/{org}/attestations", operationId: "requestAttestation", summary: "A fresh attestation of a running resource, echoing your nonce as eat_nonce", tag: "Attestations", params: OrgParams, body: RequestAttestationInput, idempotent: true, responses: { 201: { description: "Issued and kept in the history", schema: AttestationDetail }, 422: { description: "The resource is not running" } } },
  { method: "get", path: "/api/v1/orgs/{org}/attestations/{id}", operationId: "getAttestation", summary: "One attestation: decoded claims and the JWS (compact, ES256, typ eat+jwt)", tag: "Attestations", params: OrgIdParams, responses: { 200: { description: "The attestation", schema: AttestationDetail } } },
  { method: "get", path: "/api/v1/orgs/{org}/attestations/{id}/jws", operationId: "downloadAttestationJws", summary: "The signed statement as a file, to verify offline against /.well-known/jwks.json", tag: "Attestations", params: OrgIdParams, responses: { 200: { description: "JWS compact serialization", contentType: "application/jwt" } } },
  { method: "get", path: "/api/v1/orgs/{org}/attestations/{id}/pdf", operationId: "downloadAttestationPdf", summary: "Certificate PDF in Japanese and English with the JWS SHA-256 fingerprint", tag: "Attestations", params: OrgIdParams, responses: { 200: { description: "PDF document", contentType: "application/pdf" } } },
  { method: "get", path: "/.well-known/jwks.json", operationId: "getJwks", summary: "Attestation public keys (ES256, kid = RFC 7638 thumbprint); retired keys stay published", tag: "Attestations", auth: "public", responses: { 200: { description: "JWK Set", schema: Jwks, contentType: "application/jwk-set+json" } } },
  { method: "post", path: "/api/v1/staff/attestation-keys/rotate", operationId: "rotateAttestationKey", summary: "Retire the active signing key and start signing with a new one (platform admin; audited)", tag: "Staff", responses: { 200: { description: "The new active key and the one retired", schema: KeyRotation } } },
  { method: "get", path: "/api/v1/orgs/{org}/residency-policy", operationId: "getResidencyPolicy", summary: "Regions the org's workloads may run in (default: all of Japan)", tag: "Residency", params: OrgParams, responses: { 200: { description: "The policy", schema: ResidencyPolicy } } },
  { method: "put", path: "/api/v1/orgs/{org}/residency-policy", operationId: "updateResidencyPolicy", summary: "Set the allowed regions (owner/admin); refused with the list of running resources it would exclude", tag: "Residency", params: OrgParams, body: UpdateResidencyPolicyInput, responses: { 200: { description: "Updated", schema: ResidencyPolicy }, 422: { description: "Running resources outside the new policy (details.resources)" } } },
];
