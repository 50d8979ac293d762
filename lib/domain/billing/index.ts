// Billing domain: exact rating, JST months, qualified-invoice composition. Pure (zod only).
export * from "./units";
export * from "./jst";
export * from "./split";
export * from "./price-book";
export * from "./rating";
export * from "./contract";
export * from "./tax";
export * from "./invoice-dates";
export * from "./invoice";
export * from "./compose-invoice";
export * from "./budget";
export * from "./forecast";
export * from "./cost-center-breakdown";
export * from "./archive-policy";
export * from "./reserved-rates";
export * from "./reservation-line";
