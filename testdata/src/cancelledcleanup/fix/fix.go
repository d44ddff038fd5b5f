package fix

import "context"

type Record struct{}

type Sink struct{}

func (s *Sink) Flush(ctx context.Context, recs []Record) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}

type Tx interface {
	Rollback(ctx context.Context) error
}

func batcher(ctx context.Context, in <-chan Record, sink *Sink) error {
	var buf []Record
	for {
		select {
		case r := <-in:
			buf = append(buf, r)
		case <-ctx.Done():
			return sink.Flush(ctx, buf) // want `already cancelled`
		}
	}
}

func guard(c context.Context, tx Tx) error {
	cancel := func() {}
	defer cancel()
	if err := c.Err(); err != nil {
		if rerr := tx.Rollback(c); rerr != nil { // want `already cancelled`
			return rerr
		}
		return err
	}
	return nil
}

func deferred(ctx context.Context, tx Tx, rows <-chan Record) error {
	defer tx.Rollback(ctx) // want `already cancelled`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-rows:
		return nil
	}
}

func inGo(ctx context.Context, sink *Sink) {
	<-ctx.Done()
	go sink.Flush(ctx, nil) // want `already cancelled`
}
