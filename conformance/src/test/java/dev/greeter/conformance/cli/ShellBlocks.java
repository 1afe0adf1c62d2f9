package dev.greeter.conformance.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shell commands of a Markdown page's ```sh and ```bash blocks, split into words as the shell would. */
final class ShellBlocks {

    private ShellBlocks() {
    }

    static List<List<String>> commands(Path page) throws IOException {
        List<List<String>> commands = new ArrayList<>();
        boolean inShell = false;
        StringBuilder pending = new StringBuilder();
        for (String raw : Files.readAllLines(page)) {
            // A block inside a list item is indented; its commands are the same.
            String line = raw.strip();
            if (line.startsWith("```")) {
                inShell = !inShell && (line.equals("```sh") || line.equals("```bash"));
                continue;
            }
            if (!inShell) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            for (String part : pending.toString().split("&&|;")) {
                List<String> words = words(part);
                if (!words.isEmpty()) {
                    commands.add(words);
                }
            }
            pending.setLength(0);
        }
        return commands;
    }

    /** Words with quotes removed; a '#' that starts a word starts a comment. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
