// Runs a refresh now and every few seconds while its view is shown; one run at a time, errors shown in the banner.

export class Poller {
  constructor(refresh, intervalMs) {
    this.refresh = refresh;
    this.intervalMs = intervalMs;
    this.timer = null;
    this.running = false;
    this.stale = false;
  }

  start() {
    this.stop();
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Refreshes now, or right after the run in progress (whose answer may predate an action just taken). */
  refreshNow() {
    this.stale = true;
    return this.tick();
  }

  async tick() {
    if (this.running) return;
    this.running = true;
    this.stale = false;
    try {
      await this.refresh();
      showError(null);
    } catch (error) {
      showError(`Could not refresh: ${error.message}`);
    } finally {
      this.running = false;
      if (this.stale && this.timer) this.tick();
    }
  }
}

/** Shows (or, with null, hides) the page's error banner. */
export function showError(message) {
  const banner = document.getElementById('banner');
  banner.hidden = !message;
  banner.textContent = message ?? '';
}
