package artifact

import (
	"errors"
	"fmt"
)

// Errors Load wraps; test with errors.Is.
var (
	ErrNotArtifact   = errors.New("not a vigil model artifact")
	ErrFormatVersion = errors.New("unsupported artifact format version")
	ErrChecksum      = errors.New("artifact checksum mismatch: the file is corrupt or was modified")
	ErrTooLarge      = errors.New("artifact exceeds size limits")
	ErrTruncated     = errors.New("artifact is truncated")
	ErrMalformed     = errors.New("malformed artifact")
	ErrSchema        = errors.New("feature schema mismatch")
)

// SchemaMismatchError reports a model trained under other features.
type SchemaMismatchError struct {
	Model, Build string // schema hashes: in the artifact, computed by this build
}

func (e *SchemaMismatchError) Error() string {
	return fmt.Sprintf("model was trained with feature schema %s, this build computes %s: "+
		"retrain with `vigil train ...` or use a matching binary", short(e.Model), short(e.Build))
}

// Is makes errors.Is(err, ErrSchema) true.
func (e *SchemaMismatchError) Is(target error) bool { return target == ErrSchema }

func short(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}
