package api

import (
	"net/http"
	"time"

	"github.com/vigilsec/vigil/internal/attack"
	"github.com/vigilsec/vigil/internal/store"
)

// StatsQuery are the parameters of GET /v1/stats.
type StatsQuery struct {
	Window time.Duration `query:"window" doc:"how far back to count, default 24h"`
	Bucket time.Duration `query:"bucket" doc:"bucket width, default 1h, at least 1s"`
}

// StatsResponse counts alerts over time, for charts.
type StatsResponse struct {
	Since         time.Time           `json:"since" doc:"start of the first bucket"`
	BucketSeconds int64               `json:"bucket_seconds"`
	Total         int64               `json:"total"`
	Buckets       []store.StatsBucket `json:"buckets" doc:"consecutive buckets from since to now, alerts by label"`
	Techniques    []TechniqueCount    `json:"techniques" doc:"most cited techniques, most first"`
}

// TechniqueCount is how many alerts cite a technique, with its name.
type TechniqueCount struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Tactics []string `json:"tactics"`
	Count   int64    `json:"count"`
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) error {
	q := StatsQuery{Window: 24 * time.Hour, Bucket: time.Hour}
	if err := bindQuery(r.URL.Query(), &q); err != nil {
		return err
	}
	since := s.now().Add(-q.Window).Truncate(q.Bucket)
	st, err := s.st.AlertStats(r.Context(), since, q.Bucket)
	if err != nil {
		return storeError(err)
	}
	out := StatsResponse{Since: st.Since, BucketSeconds: int64(st.Bucket / time.Second), Total: st.Total,
		Buckets: st.Buckets, Techniques: make([]TechniqueCount, len(st.Techniques))}
	for i, t := range st.Techniques {
		out.Techniques[i] = TechniqueCount{ID: t.Technique, Count: t.Count, Tactics: []string{}}
		if info, ok := attack.LookupOrParent(t.Technique); ok {
			out.Techniques[i].Name, out.Techniques[i].Tactics = info.Name, info.Tactics
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

// UsageQuery are the parameters of GET /v1/usage.
type UsageQuery struct {
	Days int `query:"days" doc:"how many days back, counting today: 1 to 366, default 30"`
}

// UsageResponse is the calling key's usage.
type UsageResponse struct {
	KeyID     string           `json:"key_id"`
	Name      string           `json:"name"`
	RateLimit int              `json:"rate_limit" doc:"requests per minute; 0 means the server default"`
	Total     int64            `json:"total" doc:"commands scanned over the days listed"`
	Days      []store.UsageDay `json:"days" doc:"oldest first; days without scans are left out"`
}

func (s *Server) handleUsage(w http.ResponseWriter, r *http.Request) error {
	q := UsageQuery{Days: 30}
	if err := bindQuery(r.URL.Query(), &q); err != nil {
		return err
	}
	if q.Days < 1 || q.Days > 366 {
		return fieldError("days", "must be between 1 and 366")
	}
	k, _ := keyFrom(r.Context())
	to := s.now().UTC()
	from := to.AddDate(0, 0, 1-q.Days)
	days, err := s.st.Usage(r.Context(), k.ID, from, to)
	if err != nil {
		return storeError(err)
	}
	days = mergePending(days, s.usage.Pending(k.ID), from)
	out := UsageResponse{KeyID: k.ID, Name: k.Name, RateLimit: k.RateLimit, Days: days}
	for _, d := range days {
		out.Total += d.Requests
	}
	return writeJSON(w, http.StatusOK, out)
}
