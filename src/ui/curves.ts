import type { EpochMetrics } from '../domain/recording';
import { computeAxisBounds, computeCurvePoints, computeEpochX, type AxisBounds, type PlotRect } from './curve-math';
import type { Rect } from './panel';

/**
 * Loss and accuracy curves (train solid, test dashed) with a marker at the current epoch, drawn on
 * a panel canvas. Points are recomputed only in setMetrics (when epochs arrive); a redraw for a new
 * epoch marker just strokes the cached points.
 */
export interface Curves {
  setMetrics(metrics: readonly EpochMetrics[]): void;
  draw(ctx: CanvasRenderingContext2D, scale: number, epoch: number): void;
}

interface Plot {
  readonly title: string;
  readonly rect: Rect;
  bounds: AxisBounds;
  train: Float32Array;
  test: Float32Array;
}

export const TRAIN_COLOUR = '#6fb3ff';
export const TEST_COLOUR = '#ffb05c';

export function createCurves(loss: Rect, accuracy: Rect): Curves {
  const plots: Plot[] = [
    { title: 'loss', rect: loss, bounds: { min: 0, max: 1 }, train: new Float32Array(0), test: new Float32Array(0) },
    { title: 'accuracy', rect: accuracy, bounds: { min: 0, max: 1 }, train: new Float32Array(0), test: new Float32Array(0) },
  ];
  let count = 0;
  return {
    setMetrics(metrics) {
      count = metrics.length;
      const series = [
        [metrics.map((m) => m.trainLoss), metrics.map((m) => m.testLoss)],
        [metrics.map((m) => m.trainAccuracy), metrics.map((m) => m.testAccuracy)],
      ] as const;
      plots.forEach((plot, i) => {
        const [train, test] = series[i]!;
        // Accuracy is always on 0..1 so curves of different runs compare; loss scales to its maximum.
        plot.bounds = computeAxisBounds([train, test], i === 1 ? { min: 0, max: 1 } : undefined);
        plot.train = computeCurvePoints(train, plot.bounds, plot.rect as PlotRect);
        plot.test = computeCurvePoints(test, plot.bounds, plot.rect as PlotRect);
      });
    },
    draw(ctx, scale, epoch) {
      for (const plot of plots) {
        const r = plot.rect;
        ctx.fillStyle = '#121824';
        ctx.fillRect(r.x * scale, r.y * scale, r.width * scale, r.height * scale);
        ctx.fillStyle = '#8b98b3';
        ctx.font = `${Math.round(0.009 * scale)}px sans-serif`;
        ctx.textBaseline = 'top';
        ctx.fillText(`${plot.title} (max ${plot.bounds.max.toFixed(2)})   train solid, test dashed`, (r.x + 0.004) * scale, (r.y + 0.003) * scale);
        strokeSeries(ctx, plot.train, scale, TRAIN_COLOUR, []);
        strokeSeries(ctx, plot.test, scale, TEST_COLOUR, [0.006 * scale, 0.004 * scale]);
        if (count > 0) {
          const x = computeEpochX(epoch, count, r as PlotRect) * scale;
          ctx.strokeStyle = '#ffe07a';
          ctx.lineWidth = 0.0015 * scale;
          ctx.setLineDash([]);
          ctx.beginPath();
          ctx.moveTo(x, r.y * scale);
          ctx.lineTo(x, (r.y + r.height) * scale);
          ctx.stroke();
        }
      }
    },
  };
}

function strokeSeries(ctx: CanvasRenderingContext2D, points: Float32Array, scale: number, colour: string, dash: number[]): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 0.0012 * scale;
  ctx.setLineDash(dash);
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    if (Number.isNaN(x)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(x * scale, y * scale);
    else ctx.moveTo(x * scale, y * scale);
    pen = true;
  }
  ctx.stroke();
  ctx.setLineDash([]);
}
