import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { Browser } from '@playwright/test';
import { type Machine, machineLoaded } from './report';

/** Describes this machine (timings mean little without it). */
export function describeMachine(browser: Browser): Machine {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const machine: Machine = {
    cpu,
    cores: cpus().length,
    memoryGb: totalmem() / 1024 ** 3,
    os: `${type()} ${release()}`,
    node: process.versions.node,
    chromium: browser.version(),
    loadAverage: loadavg()[0] ?? Number.NaN,
  };
  return { ...machine, loaded: machineLoaded(machine) };
}
