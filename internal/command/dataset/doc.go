// Package dataset reads the labelled command-line corpora vigil's command
// models are trained and evaluated on, applies the label policy that maps
// each source's own labels onto vigil's three classes, and gives every row a
// group key (source plus template) so that splits keep near-duplicates on
// one side.
//
// The files are the public datasets under $VIGIL_DATA (default
// ../shared/datasets): commands/commands.jsonl, the atomic-red-team
// auxiliary commands, and the Genos gatekeeper and specialist splits. They
// are never embedded or committed; only models trained from them are.
package dataset
