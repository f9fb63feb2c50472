package org.optlab.optimizers;

import java.util.Objects;

/** Where an optimizer was published: authors, year, title and a link (DOI or arXiv). */
public record Citation(String authors, int year, String title, String link) {

    public Citation {
        Objects.requireNonNull(authors, "authors");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(link, "link");
    }

    @Override
    public String toString() {
        return authors + " (" + year + "). " + title + ". " + link;
    }
}
