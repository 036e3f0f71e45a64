package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"sync"

	"github.com/vigilsec/vigil/internal/command/detect"
)

// BatchRequest is the body of POST /v1/scan/batch.
type BatchRequest struct {
	Commands []string `json:"commands" doc:"1 to max_batch (default 256) command lines"`
}

// BatchResponse holds one result per command, in input order.
type BatchResponse struct {
	Results []BatchResult `json:"results"`
}

// BatchResult is a verdict, or an ItemError for a command that could not
// be scanned.
type BatchResult struct {
	Verdict *detect.Verdict
	Error   *ItemError
}

// ItemError stands in the results for a command that could not be scanned.
type ItemError struct {
	Index int    `json:"index" doc:"the command's position in commands, from 0"`
	Error string `json:"error"`
	Code  string `json:"code" doc:"empty or too_large"`
}

// MarshalJSON writes the verdict or the error object.
func (b BatchResult) MarshalJSON() ([]byte, error) {
	if b.Error != nil {
		return json.Marshal(b.Error)
	}
	return json.Marshal(b.Verdict)
}

// jsonSchema documents BatchResult as one of its two shapes.
func (BatchResult) jsonSchema(g *schemaGen) map[string]any {
	return map[string]any{"oneOf": []any{g.schema(typeOf[detect.Verdict]()), g.schema(typeOf[ItemError]())}}
}

func (s *Server) handleBatch(w http.ResponseWriter, r *http.Request) error {
	var req BatchRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	switch n := len(req.Commands); {
	case n == 0:
		return fieldError("commands", "must hold at least one command")
	case n > s.cfg.MaxBatch:
		msg := fmt.Sprintf("holds %d commands; at most %d per request", n, s.cfg.MaxBatch)
		return tooLarge("commands: "+msg, FieldError{"commands", msg})
	}
	k, _ := keyFrom(r.Context())
	res := s.scanAll(req.Commands, k.ID)
	scanned := 0
	for _, b := range res {
		if b.Verdict != nil {
			scanned++
		}
	}
	s.usage.Add(k.ID, int64(scanned))
	return writeJSON(w, http.StatusOK, BatchResponse{res})
}

// scanAll scans the commands on up to GOMAXPROCS goroutines.
func (s *Server) scanAll(cmds []string, keyID string) []BatchResult {
	out := make([]BatchResult, len(cmds))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cmds)) {
		wg.Go(func() {
			for i := range next {
				out[i] = s.scanItem(i, cmds[i], keyID)
			}
		})
	}
	for i := range cmds {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func (s *Server) scanItem(i int, cmd, keyID string) BatchResult {
	v, err := s.scan(cmd, keyID)
	if err == nil {
		return BatchResult{Verdict: v}
	}
	p := asProblem(commandError(fmt.Sprintf("commands[%d]", i), err))
	msg, code := err.Error(), p.Code
	switch {
	case p.Status >= 500:
		s.log.Error("batch item failed", "index", i, "err", err)
		msg = p.Detail
	case code == CodeBadRequest:
		code = "empty"
	}
	return BatchResult{Error: &ItemError{Index: i, Error: msg, Code: code}}
}
