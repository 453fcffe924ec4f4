/**
 * What the panels need from live training, passed in by main.ts (src/ui may not import src/training).
 * Progress flows back through app state ('training-updated' intents) and new epochs through the
 * recording holder.
 */
export interface TrainingControls {
  /** Start training from scratch (a fresh, untrained network). */
  start(): void;
  pause(): void;
  resume(): void;
  /** Stop and go back to the recording that was loaded before training. */
  reset(): void;
}
