/** Minor units as a plain amount with two decimals: 123456 → "1,234.56". */
export function formatMoney(minor: number): string {
  const cents = Math.round(Math.abs(minor));
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  const sign = minor < 0 && cents > 0 ? '-' : '';
  return `${sign}${whole}.${String(cents % 100).padStart(2, '0')}`;
}
