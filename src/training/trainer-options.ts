/**
 * Trainer settings, their defaults and their validation. A display "epoch" is a slice of the
 * training set, sized so that one epoch takes a couple of seconds live: the class sees the network
 * change, and 20 of them (64,000 samples, just over one pass of MNIST) reach about 97-98% test accuracy.
 */

export interface TrainerOptions {
  /** Training samples in one display epoch. */
  readonly samplesPerEpoch: number;
  readonly batchSize: number;
  /** Adam step size. */
  readonly learningRate: number;
  /** Seeds the initialisers and the data order: the same seed trains the same network. */
  readonly seed: number;
  /** Size of the fixed test subset the test loss and accuracy are measured on (its first samples). */
  readonly testSamples: number;
}

/** What may change while training runs: the learning rate at once, the rest from the next epoch. */
export type LiveTrainerOptions = Pick<TrainerOptions, 'samplesPerEpoch' | 'batchSize' | 'learningRate'>;

export const DEFAULT_TRAINER_OPTIONS: TrainerOptions = {
  samplesPerEpoch: 3200,
  batchSize: 32,
  learningRate: 2e-3,
  seed: 1,
  testSamples: 1000,
};

export type TrainingErrorCode =
  | 'bad-options'
  | 'bad-command'
  | 'data-load-failed'
  | 'backend-failed'
  | 'training-failed'
  | 'not-started';

export class TrainingError extends Error {
  override name = 'TrainingError';
  constructor(
    readonly code: TrainingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TrainingError('bad-options', `${name} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
}

/** Defaults overlaid with `partial`, validated; throws TrainingError('bad-options') naming the bad field. */
export function computeTrainerOptions(partial: Partial<TrainerOptions> = {}, base: TrainerOptions = DEFAULT_TRAINER_OPTIONS): TrainerOptions {
  const known = new Set(Object.keys(DEFAULT_TRAINER_OPTIONS));
  for (const key of Object.keys(partial)) {
    if (!known.has(key)) throw new TrainingError('bad-options', `unknown training option "${key}"`);
  }
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const options: TrainerOptions = { ...base, ...defined };
  checkInteger('batchSize', options.batchSize, 1, 1024);
  checkInteger('samplesPerEpoch', options.samplesPerEpoch, options.batchSize, 10_000_000);
  checkInteger('seed', options.seed, 0, 0xffffffff);
  checkInteger('testSamples', options.testSamples, 1, 100_000);
  const lr = options.learningRate;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0 || lr > 1) {
    throw new TrainingError('bad-options', `learningRate must be a number in (0, 1], got ${String(lr)}`);
  }
  return options;
}
