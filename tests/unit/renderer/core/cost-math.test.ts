import { describe, expect, it } from 'vitest';
import {
  blendedPerToken,
  breakEvenTokens,
  budgetStatus,
  chartMaxTokens,
  cheaperAt,
  compareCosts,
  formatTokenCount,
  inputShare,
  payPerTokenMonthly,
  provisionedMonthly,
  scaleToMonth,
  startOfMonth,
} from '../../../../renderer/core/cost-math';

const llama70b = { inputPerMillion: 0.5, outputPerMillion: 1.5 };

describe('monthly scaling', () => {
  it('scales 30 days to an average month of 730 h (30.4167 days)', () => {
    // 3,000,000 tokens in 30 days = 100,000/day; × 30.41666… = 3,041,666.67.
    expect(scaleToMonth(3_000_000, 30)).toBeCloseTo(3_041_666.67, 1);
    expect(scaleToMonth(1000, 0)).toBe(0);
  });

  it('takes the input share from the log, half and half when empty', () => {
    expect(inputShare(750, 250)).toBe(0.75);
    expect(inputShare(0, 0)).toBe(0.5);
  });
});

describe('break-even', () => {
  it('matches hand-computed values', () => {
    // 75 % input: 0.75 × 0.5 + 0.25 × 1.5 = 0.75 $/M tokens.
    expect(blendedPerToken(llama70b, 0.75) * 1e6).toBeCloseTo(0.75, 10);
    // 1 unit × $6 × 730 h = $4,380 a month.
    expect(provisionedMonthly(1, 6)).toBe(4380);
    // $4,380 / $0.75 per M = 5,840 M tokens a month.
    expect(breakEvenTokens(4380, blendedPerToken(llama70b, 0.75))).toBeCloseTo(5.84e9, 0);
    // 2 units at $2.50: $3,650; half/half → $1.00/M → 3.65 B tokens.
    expect(breakEvenTokens(provisionedMonthly(2, 2.5), blendedPerToken(llama70b, 0.5))).toBeCloseTo(
      3.65e9,
      0,
    );
  });

  it('pay-per-token cost at the break-even equals the provisioned cost', () => {
    const perToken = blendedPerToken(llama70b, 0.6);
    const pt = provisionedMonthly(3, 4.2);
    expect(payPerTokenMonthly(breakEvenTokens(pt, perToken), llama70b, 0.6)).toBeCloseTo(pt, 6);
  });

  it('handles free tokens and free provisioning', () => {
    expect(breakEvenTokens(4380, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(breakEvenTokens(0, 1e-6)).toBe(0);
  });

  it('says which is cheaper', () => {
    expect(cheaperAt(100, 4380)).toBe('pay-per-token');
    expect(cheaperAt(5000, 4380)).toBe('provisioned');
    expect(cheaperAt(4380.001, 4380)).toBe('equal');
  });

  it('sizes the chart to 3× the larger of break-even and volume', () => {
    expect(chartMaxTokens(5.84e9, 1e6)).toBeCloseTo(17.52e9, 0);
    expect(chartMaxTokens(1e6, 2e6)).toBe(6e6);
    expect(chartMaxTokens(Number.POSITIVE_INFINITY, 0)).toBe(1e6);
  });
});

describe('budget', () => {
  it('warns at 80 % and is over at 100 %', () => {
    expect(budgetStatus(79.99, 100).level).toBe('ok');
    expect(budgetStatus(80, 100)).toEqual({ ratio: 0.8, level: 'warn' });
    expect(budgetStatus(100, 100).level).toBe('over');
    expect(budgetStatus(5, null).level).toBe('none');
    expect(budgetStatus(5, 0).level).toBe('none');
  });

  it('starts the month at local midnight of the 1st', () => {
    const d = new Date(startOfMonth(new Date(2026, 10, 28, 15, 30).getTime()));
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2026, 10, 1, 0]);
  });

  it('formats token counts', () => {
    expect(formatTokenCount(5.84e9)).toBe('5.84B');
    expect(formatTokenCount(1_234_567)).toBe('1.23M');
    expect(formatTokenCount(950)).toBe('950');
  });
});

describe('compareCosts', () => {
  it('puts it together: 10M tokens/month at 75 % input vs 1 unit at $6', () => {
    const c = compareCosts({
      monthlyTokens: 10_000_000,
      share: 0.75,
      price: llama70b,
      units: 1,
      perUnitHour: 6,
    });
    // 10 M × $0.75/M = $7.50 a month, against $4,380: pay-per-token wins until 5.84 B tokens.
    expect(c.payPerTokenMonthly).toBeCloseTo(7.5, 10);
    expect(c.provisionedMonthly).toBe(4380);
    expect(c.breakEvenTokens).toBeCloseTo(5.84e9, 0);
    expect(c.cheaper).toBe('pay-per-token');
  });
});
