// The smallest monthly budget the console accepts. A budget of a few yen is spent by the first
// minute of one GPU and turns every percentage into noise ("153895700%"); ¥10,000 is about one
// hour of the smallest shape, so any budget below it is a typing mistake rather than a plan.
// Kept free of zod so the budget dialog can say no before submit without loading the schemas.
export const BUDGET_MINIMUM_JPY = 10_000;
