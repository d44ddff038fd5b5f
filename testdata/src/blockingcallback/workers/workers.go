// Package workers is run with -blockingcallback.workers: a worker loop,
// one kind of event and a stop, is judged too.
package workers

import (
	"context"
	"time"
)

func worker(ctx context.Context, jobs <-chan time.Duration) {
	for {
		select {
		case d := <-jobs:
			time.Sleep(d) // want `time.Sleep blocks this dispatch loop`
		case <-ctx.Done():
			return
		}
	}
}
