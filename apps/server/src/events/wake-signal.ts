/** Lets an idle polling loop sleep until its interval ends or until it is woken, whichever comes first. */
export interface WakeSignal {
  /** Ends the current sleep; when none is under way, the next one ends at once, so a wake is never lost. */
  wake(): void;
  sleep(milliseconds: number): Promise<void>;
}

export function createWakeSignal(): WakeSignal {
  let woken = false;
  let endSleep: (() => void) | undefined;
  return {
    wake() {
      woken = true;
      endSleep?.();
    },
    async sleep(milliseconds) {
      if (!woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, milliseconds);
          endSleep = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        endSleep = undefined;
      }
      woken = false;
    },
  };
}
