import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CostChart } from '../../../../../../renderer/features/endpoints/usage/CostChart';

/* The chart's axes are labelled with round numbers, whatever the user's figures. */

const labels = (html: string, testId: string) =>
  [...html.matchAll(new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`, 'g'))].map((m) => m[1]);

describe('CostChart axes', () => {
  it('labels both axes with round ticks', () => {
    // 1.07 B tokens at break-even → axis to 3.21 B raw; $4,380/month provisioned.
    const html = renderToStaticMarkup(
      <CostChart perToken={4380 / 1.07e9} provisionedMonthly={4380} breakEven={1.07e9} current={2e8} />,
    );
    expect(labels(html, 'cost-tick-tokens')).toEqual(['0', '1B', '2B', '3B', '4B']);
    const usd = [...html.matchAll(/data-testid="cost-tick-usd"><line[^>]*><\/line><text[^>]*>([^<]*)</g)].map(
      (m) => m[1],
    );
    expect(usd).toEqual(['$0', '$5,000', '$10,000', '$15,000', '$20,000']);
  });
});
