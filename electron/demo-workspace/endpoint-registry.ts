import { DEMO_ENDPOINTS, type DemoEndpoint, describeEndpoint } from './endpoints';
import { DemoHttpError } from './http-util';
import { ProvisionedStore, type PtConfigSource } from './provisioning';
import { findPtModel } from './pt-models';

/**
 * Every endpoint of one demo server: the fixed pay-per-token and custom ones, and the
 * provisioned-throughput ones, which can be created, scaled and deleted (the built-in
 * `demo-llama-3-1-8b-pt` among them).
 */
export class EndpointRegistry {
  readonly provisioned: ProvisionedStore;
  private readonly fixed: readonly DemoEndpoint[];

  constructor(source: PtConfigSource, now?: () => number) {
    this.provisioned = new ProvisionedStore(source, now);
    this.fixed = DEMO_ENDPOINTS.filter((e) => e.kind !== 'provisioned-throughput');
    for (const endpoint of DEMO_ENDPOINTS.filter((e) => e.kind === 'provisioned-throughput')) {
      const entity = {
        servedName: endpoint.servedModel,
        model: findPtModel('system.ai.meta_llama_3_1_8b_instruct', '1'),
        version: '1',
        size: { units: 1, scaleToZero: false },
      };
      this.provisioned.seed(endpoint.name, entity, endpoint.createdAt);
    }
  }

  /** A fixed (not provisioned-throughput) endpoint, which the demo never changes. */
  fixedEndpoint(name: string): DemoEndpoint | undefined {
    return this.fixed.find((e) => e.name === name);
  }

  exists(name: string): boolean {
    return this.fixedEndpoint(name) !== undefined || this.provisioned.has(name);
  }

  /** `GET /api/2.0/serving-endpoints`: fixed endpoints first, then provisioned ones by age. */
  list(): Record<string, unknown>[] {
    return [
      ...this.fixed.map(describeEndpoint),
      ...this.provisioned.names().map((name) => this.provisioned.describe(name)),
    ];
  }

  /** `GET /api/2.0/serving-endpoints/{name}`; 404 RESOURCE_DOES_NOT_EXIST when unknown. */
  describe(name: string): Record<string, unknown> {
    const fixed = this.fixedEndpoint(name);
    return fixed ? describeEndpoint(fixed) : this.provisioned.describe(name);
  }

  /** The endpoint an invocation targets; throws 404 when unknown, 503/400 when not serving. */
  invocable(name: string): DemoEndpoint {
    const endpoint = this.fixedEndpoint(name) ?? this.provisioned.invocable(name);
    if (!endpoint)
      throw new DemoHttpError(404, 'RESOURCE_DOES_NOT_EXIST', `Endpoint with name '${name}' does not exist.`);
    return endpoint;
  }
}
