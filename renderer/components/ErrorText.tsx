import type { ReactNode } from 'react';
import type { StudioError } from '../../shared/errors';
import { formatAdvice } from '../core/format';

/** Props of {@link ErrorText}. */
export interface ErrorTextProps {
  error: StudioError;
  /** The app's advice; defaults to the error's own (`formatAdvice`). */
  advice?: ReactNode;
}

/**
 * An error in two parts: the server's own words first, quoted as it sent them (what a search
 * or a support ticket needs), then the app's advice (what to do next). Errors the app made
 * itself, and older saved ones that quote the server inside their message, are the advice
 * alone.
 */
export function ErrorText({ error, advice }: ErrorTextProps) {
  const said = error.serverMessage;
  const quoted = said && !error.message.includes(said);
  return (
    <>
      {quoted && (
        <p className="error-text__server" data-testid="server-message">
          <span className="error-text__label">The server said:</span> <q>{said}</q>
        </p>
      )}
      <p className="error-text__advice" data-testid="error-advice">
        {advice ?? formatAdvice(error)}
      </p>
    </>
  );
}
