import type { ApiOperation } from "../types";
import { foundationOperations } from "./foundation";

// Each capability documents its operations in its own file; this list gathers them.
export const API_OPERATIONS: ApiOperation[] = [...foundationOperations];
