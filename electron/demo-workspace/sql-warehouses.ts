import { DemoHttpError } from './http-util';

/**
 * The demo's SQL warehouses: one serverless warehouse that is RUNNING and one pro warehouse
 * that is STOPPED until started (STARTING for `warehouseStartMs`, then RUNNING). Shapes as
 * `GET /api/2.0/sql/warehouses` answers them.
 */

export type WarehouseState = 'RUNNING' | 'STOPPED' | 'STARTING' | 'STOPPING' | 'DELETED';

interface Warehouse {
  id: string;
  name: string;
  clusterSize: string;
  serverless: boolean;
  state: WarehouseState;
  /** When a STARTING warehouse becomes RUNNING (STOPPING: STOPPED), epoch ms. */
  until: number | null;
}

/** The fixed ids, so tests and docs can name them. */
export const DEMO_WAREHOUSES = {
  running: 'a1b2c3d4e5f60001',
  stopped: 'a1b2c3d4e5f60002',
} as const;

export class WarehouseRegistry {
  private readonly warehouses: Warehouse[];

  constructor(
    private readonly startMs: () => number,
    private readonly now: () => number = Date.now,
  ) {
    this.warehouses = [
      {
        id: DEMO_WAREHOUSES.running,
        name: 'Serverless Starter Warehouse',
        clusterSize: 'Small',
        serverless: true,
        state: 'RUNNING',
        until: null,
      },
      {
        id: DEMO_WAREHOUSES.stopped,
        name: 'Analytics Pro Warehouse',
        clusterSize: 'Medium',
        serverless: false,
        state: 'STOPPED',
        until: null,
      },
    ];
  }

  /** Moves time-based transitions forward. */
  private settle(w: Warehouse): Warehouse {
    if (w.until !== null && this.now() >= w.until) {
      w.state = w.state === 'STARTING' ? 'RUNNING' : 'STOPPED';
      w.until = null;
    }
    return w;
  }

  /** A warehouse by id; 404 RESOURCE_DOES_NOT_EXIST when unknown. */
  get(id: string): Warehouse {
    const w = this.warehouses.find((x) => x.id === id);
    if (!w) throw new DemoHttpError(404, 'RESOURCE_DOES_NOT_EXIST', `Warehouse ${id} does not exist.`);
    return this.settle(w);
  }

  state(id: string): WarehouseState {
    return this.get(id).state;
  }

  /** Starts a stopped warehouse (STARTING now, RUNNING after `startMs`); a running one stays. */
  start(id: string): void {
    const w = this.get(id);
    if (w.state === 'RUNNING' || w.state === 'STARTING') return;
    const ms = this.startMs();
    w.state = ms > 0 ? 'STARTING' : 'RUNNING';
    w.until = ms > 0 ? this.now() + ms : null;
  }

  /** Stops a warehouse (STOPPING briefly, then STOPPED). */
  stop(id: string): void {
    const w = this.get(id);
    if (w.state === 'STOPPED') return;
    w.state = 'STOPPING';
    w.until = this.now() + 500;
  }

  /** One warehouse as the API describes it. */
  describe(id: string): Record<string, unknown> {
    const w = this.get(id);
    return {
      id: w.id,
      name: w.name,
      state: w.state,
      cluster_size: w.clusterSize,
      warehouse_type: 'PRO',
      enable_serverless_compute: w.serverless,
      auto_stop_mins: w.serverless ? 10 : 45,
      min_num_clusters: 1,
      max_num_clusters: 1,
      num_clusters: w.state === 'RUNNING' ? 1 : 0,
      num_active_sessions: 0,
      creator_name: 'demo@example.com',
      odbc_params: {
        hostname: 'demo.cloud.databricks.com',
        path: `/sql/1.0/warehouses/${w.id}`,
        port: 443,
        protocol: 'https',
      },
    };
  }

  list(): Record<string, unknown>[] {
    return this.warehouses.map((w) => this.describe(w.id));
  }
}
