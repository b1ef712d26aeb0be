import { describe, expect, it } from 'vitest';
import type { ImportCounts } from '../../../../../../renderer/core/db/export-import';
import {
  describeExport,
  describeImport,
} from '../../../../../../renderer/features/chat/conversations/DataSettings';

const counts = (some: Partial<ImportCounts>): ImportCounts => ({
  conversations: 0,
  messages: 0,
  presets: 0,
  prices: 0,
  completionRuns: 0,
  usage: 0,
  compareSetups: 0,
  comparisons: 0,
  votes: 0,
  images: 0,
  ...some,
});

describe('describeImport', () => {
  it('reports what a first import added', () => {
    const written = counts({ conversations: 2, messages: 4 });
    expect(describeImport({ written, added: written })).toBe(
      'Imported 2 conversations, 4 messages, 0 presets and 0 prices.',
    );
  });

  it('says nothing new when every record was already here', () => {
    const written = counts({ conversations: 1, messages: 2 });
    expect(describeImport({ written, added: counts({}) })).toBe(
      'Nothing new: 1 conversation and 2 messages already here.',
    );
  });

  it('names both what was added and what was already here', () => {
    const written = counts({ conversations: 2, messages: 3 });
    expect(describeImport({ written, added: counts({ conversations: 1, messages: 3 }) })).toBe(
      'Imported 1 conversation, 3 messages, 0 presets and 0 prices; 1 conversation already here.',
    );
  });
});

describe('describeExport', () => {
  it('says what the file holds and its size, images included', () => {
    expect(describeExport(counts({ conversations: 2, messages: 14, images: 1 }), 1_468_006)).toBe(
      'Exported 2 conversations, 14 messages and 1 image (1.4 MB).',
    );
    expect(describeExport(counts({}), 512)).toBe('Exported nothing yet (512 B).');
  });
});
