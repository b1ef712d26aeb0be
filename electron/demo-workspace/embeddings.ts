import { hashString, mulberry32 } from './sampler';

/**
 * The demo embedding "models": feature hashing into 1024 dimensions. Each text contributes
 * its words, their stems, character trigrams and topic-cluster features (so "cat" and
 * "kitten" meet), plus a shared background direction that keeps unrelated texts at a
 * realistic positive cosine. Texts that share words, stems or topics therefore score
 * clearly higher than unrelated ones. BGE and GTE use different seeds and weights, so their
 * vectors differ while both keep that property.
 */

export const EMBEDDING_DIMENSIONS = 1024;

interface Profile {
  seed: number;
  word: number;
  stem: number;
  trigram: number;
  topic: number;
  /** Weight of the shared background direction, relative to the text's own features. */
  background: number;
  /** Dimensions each feature spreads over (smoother similarity). */
  spread: number;
}

const PROFILES: Record<'bge' | 'gte', Profile> = {
  bge: { seed: 0x5bd1e995, word: 1, stem: 0.8, trigram: 0.22, topic: 1.7, background: 0.65, spread: 3 },
  gte: { seed: 0x27d4eb2f, word: 0.8, stem: 1, trigram: 0.35, topic: 1.4, background: 0.5, spread: 4 },
};

const TOPICS: Record<string, string> = {};
for (const [topic, words] of Object.entries({
  greeting: 'hello hi hey greetings welcome morning evening howdy',
  animal: 'cat cats kitten dog dogs puppy pet pets animal animals bird fish horse',
  money: 'money bank banking finance price prices cost costs stock stocks market invest budget pay',
  computing:
    'computer computing software code program programming python java server database data algorithm',
  food: 'food eat eating cook cooking recipe pizza pasta bread meal dinner lunch breakfast fruit',
  weather: 'weather rain sunny sun snow cloud cloudy storm wind temperature forecast',
  sport: 'sport sports football soccer tennis game match team player score basketball',
  health: 'health doctor medicine hospital sick illness disease patient exercise fitness',
  travel: 'travel trip flight hotel vacation holiday airport beach tourist journey',
  music: 'music song songs guitar piano band concert melody sing singing',
  science: 'science physics chemistry quantum atom energy experiment theory biology',
  feeling: 'how feel feeling doing mood happy sad fine well good',
})) {
  for (const word of words.split(' ')) TOPICS[word] = topic;
}

const STOPWORDS = new Set(
  'a an the of to and or in on at is are was be for with it this that as by'.split(' '),
);

const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'ers', 'er', 'ed', 'es', 'ly', 'ment', 's'];

/** A crude stemmer: strips one common English suffix, keeping at least three letters. */
export function stem(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      const base = word.slice(0, -suffix.length);
      return suffix === 'ies' || suffix === 'ied' ? `${base}y` : base;
    }
  }
  return word;
}

function addFeature(vector: Float64Array, feature: string, weight: number, profile: Profile): void {
  let state = hashString(feature, profile.seed);
  for (let j = 0; j < profile.spread; j++) {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0;
    state = (state ^ (state >>> 12)) >>> 0;
    const sign = state & 0x400 ? 1 : -1;
    const at = state % EMBEDDING_DIMENSIONS;
    vector[at] = (vector[at] ?? 0) + sign * weight;
  }
}

const backgrounds = new Map<Profile, Float64Array>();

/** The profile's shared direction, unit length. */
function background(profile: Profile): Float64Array {
  const cached = backgrounds.get(profile);
  if (cached) return cached;
  const random = mulberry32(profile.seed ^ 0x9e3779b9);
  const vector = new Float64Array(EMBEDDING_DIMENSIONS).map(() => random() * 2 - 1);
  const length = norm(vector);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / length;
  backgrounds.set(profile, vector);
  return vector;
}

function featurize(text: string, profile: Profile): Float64Array {
  const vector = new Float64Array(EMBEDDING_DIMENSIONS);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const light = STOPWORDS.has(word) ? 0.2 : 1;
    addFeature(vector, `w:${word}`, profile.word * light, profile);
    const root = stem(word);
    addFeature(vector, `s:${root}`, profile.stem * light, profile);
    const padded = `^${root}$`;
    for (let i = 0; i + 3 <= padded.length; i++)
      addFeature(vector, `t:${padded.slice(i, i + 3)}`, profile.trigram, profile);
    const topic = TOPICS[word] ?? TOPICS[root];
    if (topic) addFeature(vector, `c:${topic}`, profile.topic, profile);
  }
  return vector;
}

function norm(vector: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] as number) ** 2;
  return Math.sqrt(sum);
}

/** Embeds one text with the given profile: 1024 dimensions, L2-normalised. */
export function embedText(text: string, profileName: 'bge' | 'gte'): Float32Array {
  const profile = PROFILES[profileName];
  const vector = featurize(text, profile);
  // Background scaled to the text's own norm keeps the unrelated-text cosine steady.
  const bg = background(profile);
  const scale = (norm(vector) || 1) * profile.background;
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) + (bg[i] as number) * scale;
  const length = norm(vector);
  const out = new Float32Array(EMBEDDING_DIMENSIONS);
  for (let i = 0; i < out.length; i++) out[i] = (vector[i] as number) / length;
  return out;
}

/** JSON-friendly floats: 8 decimals is plenty and keeps bodies small. */
export function toJsonVector(vector: Float32Array): number[] {
  return Array.from(vector, (x) => Math.round(x * 1e8) / 1e8);
}

/** The OpenAI `encoding_format: "base64"` form: little-endian float32 bytes. */
export function toBase64Vector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}
