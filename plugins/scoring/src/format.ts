/** Minor units as a plain amount with two decimals: 123456 → "1,234.56". */
export function formatMoney(minor: number): string {
  return (minor / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}
