import { describe, expect, it } from 'vitest';
import {
  monthlyProvisionedCost,
  nameProblem,
  sizeChoices,
  unitsOf,
} from '../../../../../renderer/features/endpoints/pt-sizing';

describe('size options from optimization info', () => {
  it('offers model units in multiples of the chunk', () => {
    const c = sizeChoices({
      optimizable: true,
      modelType: 'llama',
      throughputChunkSize: null,
      modelUnitChunkSize: 1,
    });
    expect(c.form).toBe('model-units');
    expect(c.options.slice(0, 3).map((o) => o.label)).toEqual([
      '1 model unit',
      '2 model units',
      '3 model units',
    ]);
    expect(c.options[1]?.config).toEqual({ provisionedModelUnits: 2 });
    const two = sizeChoices({
      optimizable: true,
      modelType: null,
      throughputChunkSize: null,
      modelUnitChunkSize: 2,
    });
    expect(two.options.map((o) => o.units).slice(0, 3)).toEqual([2, 4, 6]);
  });

  it('offers throughput bands in multiples of the chunk size, from 0 with scale-to-zero', () => {
    const info = {
      optimizable: true,
      modelType: 'llama',
      throughputChunkSize: 980,
      modelUnitChunkSize: null,
    };
    const c = sizeChoices(info);
    expect(c.form).toBe('throughput');
    expect(c.options[1]).toEqual({
      label: '1960–1960 tokens/s',
      units: 2,
      config: { minProvisionedThroughput: 1960, maxProvisionedThroughput: 1960 },
    });
    expect(sizeChoices(info, true).options[0]?.config).toEqual({
      minProvisionedThroughput: 0,
      maxProvisionedThroughput: 980,
    });
  });

  it('prefers model units when both are given, and explains when nothing fits', () => {
    expect(
      sizeChoices({ optimizable: true, modelType: null, throughputChunkSize: 980, modelUnitChunkSize: 1 })
        .form,
    ).toBe('model-units');
    const no = sizeChoices({
      optimizable: false,
      modelType: null,
      throughputChunkSize: null,
      modelUnitChunkSize: null,
    });
    expect(no.options).toEqual([]);
    expect(no.reason).toMatch(/cannot be served/);
  });
});

describe('name rule and estimates', () => {
  it('uses the contract rule', () => {
    expect(nameProblem('my-llama-pt')).toBeNull();
    expect(nameProblem('')).toMatch(/name/);
    expect(nameProblem('-bad')).toMatch(/start with a letter or digit/);
    expect(nameProblem('has space')).toMatch(/letters, digits/);
    expect(nameProblem('x'.repeat(64))).toMatch(/63/);
  });

  it('estimates units × $/unit-hour × 730 h', () => {
    expect(monthlyProvisionedCost(1, 6)).toBe(4380);
    expect(monthlyProvisionedCost(2, 2.5)).toBe(3650);
    expect(monthlyProvisionedCost(-1, 6)).toBe(0);
  });

  it('counts a throughput band in chunks', () => {
    expect(unitsOf({ provisionedUnits: 3 })).toBe(3);
    expect(unitsOf({ provisionedUnits: null, maxThroughput: 1960 }, 980)).toBe(2);
  });
});
