// Package features turns an analysed command line (package command) into
// the sparse vectors vigil's command models read.
//
// A vector has two blocks. The text block hashes character n-grams (within
// words) and word n-grams of a view of the command: the raw line, the
// deobfuscated line, or both. The token block hashes symbolic facts the
// engine already knows: the rules that fired with their actions and ATT&CK
// tags, the executables of every segment, the deobfuscation steps that ran,
// the kinds of indicators present and a few structural markers. The token
// block lets a linear model weigh expert knowledge against the text, and
// lets the text cover what the rules miss.
//
// Schema.Hash covers both blocks and the token vocabulary version; every
// model artifact stores it and refuses to load under a different one.
package features
