/** A progress bar on a stream: redrawn in place on a terminal, one line per tenth of the work otherwise. */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  const count = new Intl.NumberFormat('en-US');
  const width = 30;
  let lastDrawn = 0;
  let lastTenth = -1;

  const line = (done: number) => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const seconds = Math.round((Date.now() - started) / 1000);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count.format(done)}/${count.format(total)} ${seconds} s`;
  };

  return {
    update(done: number): void {
      if (stream.isTTY) {
        // Redrawing more often than a few times a second would cost more than it shows.
        if (Date.now() - lastDrawn < 250 && done < total) return;
        lastDrawn = Date.now();
        stream.write(`\r${line(done)}`);
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${line(done)}\n`);
    },

    finish(): void {
      if (stream.isTTY) stream.write(`\r${line(total)}\n`);
      else if (lastTenth < 10) stream.write(`${line(total)}\n`);
    },
  };
}
