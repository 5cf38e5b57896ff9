// Steps shared by the owner-portal tours (run at phone size, 390×844).

/**
 * A step that fails when the page is wider than the screen: on a phone the
 * page must never scroll sideways (wide tables become cards).
 */
export function assertFitsScreen(where) {
    return {
        content: `${where}: the page fits the screen without scrolling sideways`,
        trigger: "body",
        run() {
            const overflow = document.documentElement.scrollWidth - window.innerWidth;
            if (overflow > 1) {
                const wide = [...document.querySelectorAll("body *")]
                    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5)
                    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
                throw new Error(
                    `${where}: the page is ${overflow}px wider than the screen (${window.innerWidth}px): ${wide.join(", ")}`
                );
            }
        },
    };
}
