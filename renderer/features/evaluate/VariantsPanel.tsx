import { useState } from 'react';
import { CapabilityBadges } from '../../components/CapabilityBadges';
import { Dialog } from '../../components/Dialog';
import { ParamsPanel } from '../../components/params/ParamsPanel';
import { PresetMenu } from '../../components/params/PresetMenu';
import { describeParams } from '../../components/params/param-chips';
import type { EvalVariant } from '../../core/db/eval-records';
import { endpointCapabilities } from '../../core/endpoint-capabilities';
import { useChatEndpoints } from '../../core/stores/use-usable-endpoints';
import { MAX_VARIANTS } from './eval-setup';
import { useEvaluateStore } from './evaluate-store';

/** One variant's parameters (the shared parameter panel and presets) in a dialog. */
function VariantParamsDialog({ variant, n, onClose }: { variant: EvalVariant; n: number; onClose(): void }) {
  const setParams = useEvaluateStore((s) => s.setVariantParams);
  const { endpoints } = useChatEndpoints();
  const info = endpoints.find((e) => e.name === variant.endpoint);
  const template = useEvaluateStore((s) => s.template);
  return (
    <Dialog open title={`Parameters for variant ${n}`} onClose={onClose} size="wide">
      <div className="row">
        <PresetMenu
          systemPrompt={template.system}
          params={variant.params}
          onLoad={(preset) => setParams(variant.id, { ...preset.params })}
        />
      </div>
      <ParamsPanel
        value={variant.params}
        onChange={(next) => setParams(variant.id, next)}
        task="chat"
        contextWindow={info?.contextWindow ?? null}
        capabilities={variant.endpoint ? [endpointCapabilities(info ?? { name: variant.endpoint })] : []}
      />
    </Dialog>
  );
}

/** A variant: its endpoint, its parameters (summarised), remove. */
function VariantRow({
  variant,
  n,
  count,
  disabled,
}: {
  variant: EvalVariant;
  n: number;
  count: number;
  disabled: boolean;
}) {
  const { endpoints, status } = useChatEndpoints();
  const setEndpoint = useEvaluateStore((s) => s.setVariantEndpoint);
  const remove = useEvaluateStore((s) => s.removeVariant);
  const [open, setOpen] = useState(false);
  const info = endpoints.find((e) => e.name === variant.endpoint);
  const missing = variant.endpoint !== null && status === 'ready' && !info;
  return (
    <li className="ev-variant" data-testid={`ev-variant-${n}`}>
      <span className="ev-variant__n">{n}</span>
      <select
        aria-label={`Endpoint for variant ${n}`}
        value={variant.endpoint ?? ''}
        disabled={disabled}
        onChange={(e) => setEndpoint(variant.id, e.target.value)}
      >
        {(!variant.endpoint || missing) && (
          <option value={variant.endpoint ?? ''}>
            {variant.endpoint ? `${variant.endpoint} (missing)` : 'Pick an endpoint'}
          </option>
        )}
        {endpoints.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
          </option>
        ))}
      </select>
      {variant.endpoint && <CapabilityBadges endpoint={info ?? { name: variant.endpoint }} />}
      <span className="ev-variant__params muted" title={describeParams(variant.params)}>
        {Object.keys(variant.params).length === 0 ? 'server defaults' : describeParams(variant.params)}
      </span>
      <button
        type="button"
        className="button button--ghost button--small"
        aria-label={`Parameters for variant ${n}`}
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        Parameters
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        aria-label={`Remove variant ${n}`}
        disabled={disabled || count <= 1}
        onClick={() => remove(variant.id)}
      >
        ✕
      </button>
      {open && <VariantParamsDialog variant={variant} n={n} onClose={() => setOpen(false)} />}
    </li>
  );
}

/** 1–6 variants, each an endpoint with its own parameters. */
export function VariantsPanel({ disabled }: { disabled: boolean }) {
  const variants = useEvaluateStore((s) => s.variants);
  const add = useEvaluateStore((s) => s.addVariant);
  return (
    <section className="ev-card" aria-labelledby="ev-variants-title">
      <div className="ev-card__head">
        <h3 id="ev-variants-title">Variants</h3>
        <button
          type="button"
          className="button button--small"
          disabled={disabled || variants.length >= MAX_VARIANTS}
          onClick={add}
        >
          Add variant
        </button>
      </div>
      <ol className="ev-variants">
        {variants.map((v, i) => (
          <VariantRow key={v.id} variant={v} n={i + 1} count={variants.length} disabled={disabled} />
        ))}
      </ol>
    </section>
  );
}
