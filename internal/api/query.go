package api

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"time"
)

// Query parameter structs tag their fields `query:"name"` (and `doc:"..."`
// for the OpenAPI document). bindQuery fills one from a URL query; an
// unknown or repeated parameter, or a value of the wrong form, is a 400
// naming the parameter.
func bindQuery(q url.Values, dst any) error {
	v := reflect.ValueOf(dst).Elem()
	known := map[string]reflect.Value{}
	for i := range v.NumField() {
		if name := v.Type().Field(i).Tag.Get("query"); name != "" {
			known[name] = v.Field(i)
		}
	}
	for name, vals := range q {
		f, ok := known[name]
		switch {
		case !ok:
			return fieldError(name, "unknown query parameter")
		case len(vals) > 1:
			return fieldError(name, "given more than once")
		}
		if err := setQuery(f, vals[0]); err != nil {
			return fieldError(name, err.Error())
		}
	}
	return nil
}

var (
	timeType     = reflect.TypeFor[time.Time]()
	durationType = reflect.TypeFor[time.Duration]()
)

func setQuery(f reflect.Value, s string) error {
	switch {
	case f.Type() == timeType:
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return fmt.Errorf("must be an RFC 3339 time such as 2026-01-02T15:04:05Z")
		}
		f.Set(reflect.ValueOf(t))
	case f.Type() == durationType:
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return fmt.Errorf("must be a positive duration such as 1h or 15m")
		}
		f.SetInt(int64(d))
	case f.Kind() == reflect.Int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("must be an integer")
		}
		f.SetInt(int64(n))
	case f.Kind() == reflect.String:
		f.SetString(s)
	default:
		return fmt.Errorf("unsupported parameter type %s", f.Type())
	}
	return nil
}
