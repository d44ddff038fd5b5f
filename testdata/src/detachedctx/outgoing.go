package detachedctx

import (
	"context"
	"net/http"
)

type sender struct{ c *http.Client }

// ok: req is an outgoing request, not the one a handler serves: its
// context is whatever its maker set, so no caller's context is in scope
// (etcd's snapshotSender.post).
func (s *sender) post(req *http.Request) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp, err := s.c.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A handler's request is the one served: its context is in scope.
func (s *sender) serve(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(context.Background()) // want `context.Background\(\) cuts WithCancel off from r.Context\(\)'s cancellation`
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://x", nil)
	_ = s.post(req)
}
