// The live chart: velocity (px/s, left axis) and cumulative distance (px, right axis) against time.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface StatsPoint {
  readonly seq: number;
  readonly t_end: number;
  readonly avg_velocity: number;
  readonly cumulative_distance: number;
}

/** The range around the only instant charted, if there is one only. */
const onePoint = (u: uPlot): [number, number] | undefined => {
  const times = u.data[0];
  return times.length === 1 ? [times[0]! - 1, times[0]! + 1] : undefined;
};

export class LiveChart {
  private readonly data: [number[], number[], number[]] = [[], [], []];
  private readonly plot: uPlot;

  constructor(private readonly container: HTMLElement) {
    // Axes in the page's text colour, so they stay readable in dark mode.
    const axis = { stroke: getComputedStyle(container).color };
    this.plot = new uPlot(
      {
        width: container.clientWidth || 800,
        height: 300,
        // One point has no span, and uPlot then spans its time scale 86,400 s / 1 ms (its day in ms, read as
        // seconds): about three years. A second either side shows the point at its time.
        scales: { x: { time: true, range: (u, min, max) => onePoint(u) ?? [min, max] }, v: {}, d: {} },
        series: [
          {},
          { label: 'Velocity (px/s)', scale: 'v', stroke: '#2f5bd3', width: 2 },
          { label: 'Cumulative distance (px)', scale: 'd', stroke: '#d36b2f', width: 2 },
        ],
        axes: [
          axis,
          { ...axis, scale: 'v', label: 'px/s' },
          { ...axis, scale: 'd', side: 1, label: 'px', grid: { show: false } },
        ],
      },
      this.data,
      container,
    );
    new ResizeObserver(() => this.plot.setSize({ width: container.clientWidth, height: 300 })).observe(container);
  }

  append(points: readonly StatsPoint[]): void {
    for (const p of points) {
      this.data[0].push(p.t_end / 1000);
      this.data[1].push(p.avg_velocity);
      this.data[2].push(p.cumulative_distance);
    }
    this.plot.setData(this.data);
    this.container.dataset.points = String(this.data[0].length);
  }
}
