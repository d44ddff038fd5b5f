package tests

import (
	"errors"
	"net"
	"net/http"
	"testing"
)

func upload(string) error { return errors.New("x") }

// With -lostresult.tests, test code is reported too.
func startFixture(t *testing.T) {
	go upload("fixture") // want `error from upload is dropped`
}

// ok: t.Cleanup stops the server.
func stoppedByCleanup(t *testing.T, srv *http.Server) {
	t.Cleanup(func() { srv.Close() })
	go srv.ListenAndServe()
}

// ok: t.Cleanup gets the stop method as a value.
func stoppedByCleanupValue(t *testing.T, srv *http.Server, l net.Listener) {
	t.Cleanup(func() { _ = srv.Shutdown(nil) })
	go srv.ServeTLS(l, "cert.pem", "key.pem")
}
