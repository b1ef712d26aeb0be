import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { completionRunsRepo } from '../../../../../renderer/core/db/completion-runs-repo';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import { COMPLETION_RUN, uniqueName } from '../../db/fixtures';

describe('completionRunsRepo', () => {
  it('puts, replaces by id, lists newest first, gets and removes', async () => {
    const repo = completionRunsRepo(openStudioDatabase(uniqueName('runs')));
    expect(await repo.list()).toEqual([]);
    await repo.put(COMPLETION_RUN);
    await repo.put({ ...COMPLETION_RUN, id: 'run2', updatedAt: 50 });
    await repo.put({ ...COMPLETION_RUN, id: 'run3', updatedAt: 30 });
    expect((await repo.list()).map((r) => r.id)).toEqual(['run2', 'run3', 'run1']);
    // A streaming run saved again as it grows: same id, replaced, moved by updatedAt.
    await repo.put({ ...COMPLETION_RUN, choices: [{ text: 'more', finishReason: null }], updatedAt: 99 });
    expect((await repo.list()).map((r) => r.id)).toEqual(['run1', 'run2', 'run3']);
    expect((await repo.get('run1'))?.choices).toEqual([{ text: 'more', finishReason: null }]);
    await repo.remove('run2');
    expect(await repo.get('run2')).toBeUndefined();
    expect((await repo.list()).map((r) => r.id)).toEqual(['run1', 'run3']);
  });
});
