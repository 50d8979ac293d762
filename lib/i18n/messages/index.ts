// The message catalogs, one JSON file per area and language, merged under the file's name
// (errors.json → t("errors.not_found")). Add an area by adding its pair of imports here.
import jaCommon from "./ja/common.json";
import enCommon from "./en/common.json";
import jaErrors from "./ja/errors.json";
import enErrors from "./en/errors.json";
import jaNav from "./ja/nav.json";
import enNav from "./en/nav.json";
import jaAuth from "./ja/auth.json";
import enAuth from "./en/auth.json";
import jaSettings from "./ja/settings.json";
import enSettings from "./en/settings.json";
import jaAudit from "./ja/audit.json";
import enAudit from "./en/audit.json";
import jaStaff from "./ja/staff.json";
import enStaff from "./en/staff.json";
import jaEmpty from "./ja/empty.json";
import enEmpty from "./en/empty.json";
import jaDocs from "./ja/docs.json";
import enDocs from "./en/docs.json";
import jaPermissions from "./ja/permissions.json";
import enPermissions from "./en/permissions.json";
import jaAttestations from "./ja/attestations.json";
import enAttestations from "./en/attestations.json";
import jaShapes from "./ja/shapes.json";
import enShapes from "./en/shapes.json";
import jaEndpoints from "./ja/endpoints.json";
import enEndpoints from "./en/endpoints.json";
import jaBilling from "./ja/billing.json";
import enBilling from "./en/billing.json";
import jaNotifications from "./ja/notifications.json";
import enNotifications from "./en/notifications.json";
import jaOverview from "./ja/overview.json";
import enOverview from "./en/overview.json";
import jaClusters from "./ja/clusters.json";
import jaTelemetry from "./ja/telemetry.json";
import enTelemetry from "./en/telemetry.json";
import enClusters from "./en/clusters.json";
import jaInvitations from "./ja/invitations.json";
import enInvitations from "./en/invitations.json";
import jaSso from "./ja/sso.json";
import enSso from "./en/sso.json";
import jaSecurity from "./ja/security.json";
import enSecurity from "./en/security.json";
import jaReservations from "./ja/reservations.json";
import jaApprovals from "./ja/approvals.json";
import enApprovals from "./en/approvals.json";
import enReservations from "./en/reservations.json";
import jaResidency from "./ja/residency.json";
import enResidency from "./en/residency.json";
import jaTemplates from "./ja/templates.json";
import enTemplates from "./en/templates.json";
import jaOperations from "./ja/operations.json";
import enOperations from "./en/operations.json";
import jaAutoscaling from "./ja/autoscaling.json";
import enAutoscaling from "./en/autoscaling.json";
import jaHelp from "./ja/help.json";
import enHelp from "./en/help.json";
import jaAdapters from "./ja/adapters.json";
import enAdapters from "./en/adapters.json";
import type { Locale } from "../locales";

export const MESSAGES = {
  ja: { common: jaCommon, errors: jaErrors, nav: jaNav, auth: jaAuth, settings: jaSettings, audit: jaAudit, staff: jaStaff, empty: jaEmpty, docs: jaDocs, permissions: jaPermissions, attestations: jaAttestations, shapes: jaShapes, endpoints: jaEndpoints, billing: jaBilling, notifications: jaNotifications, overview: jaOverview, clusters: jaClusters, invitations: jaInvitations, sso: jaSso, security: jaSecurity, reservations: jaReservations, residency: jaResidency, templates: jaTemplates, telemetry: jaTelemetry, operations: jaOperations, autoscaling: jaAutoscaling, help: jaHelp, approvals: jaApprovals, adapters: jaAdapters },
  en: { common: enCommon, errors: enErrors, nav: enNav, auth: enAuth, settings: enSettings, audit: enAudit, staff: enStaff, empty: enEmpty, docs: enDocs, permissions: enPermissions, attestations: enAttestations, shapes: enShapes, endpoints: enEndpoints, billing: enBilling, notifications: enNotifications, overview: enOverview, clusters: enClusters, invitations: enInvitations, sso: enSso, security: enSecurity, reservations: enReservations, residency: enResidency, templates: enTemplates, telemetry: enTelemetry, operations: enOperations, autoscaling: enAutoscaling, help: enHelp, approvals: enApprovals, adapters: enAdapters },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof MESSAGES)["ja"];

export function errorMessage(locale: Locale, code: string): string {
  const table = MESSAGES[locale].errors as Record<string, string>;
  return table[code] ?? table.internal;
}
