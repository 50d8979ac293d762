import { floorDiv, RU_PER_YEN } from "./units";

// A table of costs must add up to the total printed under it, and that total must be the same
// figure as the month-to-date card (円未満切り捨て of the exact sum). Rounding each row on its own
// breaks both (¥1,539,203 on the card, ¥1,539,204 under the breakdown). Instead: floor the exact
// total once, floor every row, and hand the yen left over to the rows with the largest
// remainders (largest-remainder method), so rows sum to the total exactly and no row moves by
// more than ¥1 from its exact value.

export interface ApportionedYen {
  rows: number[];
  total: number;
}

export function apportionYen(exactRu: readonly bigint[]): ApportionedYen {
  const totalRu = exactRu.reduce((sum, ru) => sum + ru, 0n);
  const total = floorDiv(totalRu, RU_PER_YEN);
  const floors = exactRu.map((ru) => floorDiv(ru, RU_PER_YEN));
  let left = total - floors.reduce((sum, y) => sum + y, 0n);
  const byRemainder = exactRu
    .map((ru, index) => ({ index, remainder: ru - floors[index] * RU_PER_YEN }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const rows = [...floors];
  for (const { index } of byRemainder) {
    if (left <= 0n) break;
    rows[index] += 1n;
    left -= 1n;
  }
  return { rows: rows.map(Number), total: Number(total) };
}
