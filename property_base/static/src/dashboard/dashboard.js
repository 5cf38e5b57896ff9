import { Component, onMounted, onPatched, onWillStart, status, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { DropdownItem } from "@web/core/dropdown/dropdown_item";
import { _t } from "@web/core/l10n/translation";
import { formatFloat } from "@web/core/utils/numbers";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const { DateTime } = luxon;

/**
 * 物业经营看板: the figures of property.kpi for the chosen estates and period
 * (month, quarter, year), each with the same period last year and its
 * 12-month trend; a click opens the records behind the figure.
 */
export class PropertyDashboard extends Component {
    static template = "property_base.PropertyDashboard";
    static components = { Layout, Dropdown, DropdownItem };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        const context = this.props.action.context || {};
        this.state = useState({
            estateIds: context.estate_ids || [],
            periodType: context.period_type || "month",
            date: context.date || DateTime.local().toISODate(),
            data: null,
            loading: true,
        });
        this.root = useRef("root");
        this.charts = [];
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
        onMounted(() => this.drawTrends());
        onPatched(() => this.drawTrends());
    }

    async load() {
        if (status(this) === "destroyed") {
            return; // left before the figures were asked for
        }
        this.state.loading = true;
        this.state.data = await this.orm.call("property.kpi", "get_dashboard", [], {
            estate_ids: this.state.estateIds,
            period_type: this.state.periodType,
            date: this.state.date,
        });
        this.state.loading = false;
    }

    get periodTypes() {
        return [
            ["month", _t("Month")],
            ["quarter", _t("Quarter")],
            ["year", _t("Year")],
        ];
    }

    get estateLabel() {
        const data = this.state.data;
        if (!this.state.estateIds.length) {
            return _t("All my estates");
        }
        const names = data.estates
            .filter((estate) => this.state.estateIds.includes(estate.id))
            .map((estate) => estate.name);
        return names.length > 2 ? _t("%s estates", names.length) : names.join("、");
    }

    async setPeriodType(periodType) {
        this.state.periodType = periodType;
        await this.load();
    }

    async shift(step) {
        const unit = { month: "months", quarter: "quarters", year: "years" }[this.state.periodType];
        this.state.date = DateTime.fromISO(this.state.date).plus({ [unit]: step }).toISODate();
        await this.load();
    }

    async toggleEstate(estateId) {
        const ids = new Set(this.state.estateIds);
        if (estateId === null) {
            ids.clear();
        } else if (ids.has(estateId)) {
            ids.delete(estateId);
        } else {
            ids.add(estateId);
        }
        this.state.estateIds = [...ids];
        await this.load();
    }

    isChosen(estateId) {
        return this.state.estateIds.includes(estateId);
    }

    format(figure, value) {
        if (value === null || value === undefined) {
            return "—";
        }
        switch (figure.unit) {
            case "percent":
                return `${formatFloat(value, { digits: [16, 1] })}%`;
            case "amount": {
                const currency = this.state.data.currency;
                const amount = formatFloat(value, { digits: [16, currency.digits] });
                return currency.position === "after"
                    ? `${amount} ${currency.symbol}`
                    : `${currency.symbol} ${amount}`;
            }
            case "count":
                return formatFloat(value, { digits: [16, 0] });
            case "hours":
                return _t("%s h", formatFloat(value, { digits: [16, 1] }));
            default:
                return formatFloat(value, { digits: [16, figure.digits ?? 2] });
        }
    }

    changeClass(figure) {
        if (figure.value === null || figure.last_year === null || figure.value === figure.last_year) {
            return "text-muted";
        }
        const up = figure.value > figure.last_year;
        return up === (figure.better !== "down") ? "text-success" : "text-danger";
    }

    async openFigure(figure) {
        if (!figure.has_action) {
            return;
        }
        const action = await this.orm.call("property.kpi", "get_figure_action", [figure.key], {
            estate_ids: this.state.estateIds,
            period_type: this.state.periodType,
            date: this.state.date,
        });
        await this.action.doAction(action);
    }

    drawTrends() {
        for (const chart of this.charts) {
            chart.destroy();
        }
        this.charts = [];
        const data = this.state.data;
        if (!data || !this.root.el) {
            return;
        }
        for (const canvas of this.root.el.querySelectorAll("canvas[data-figure]")) {
            const figure = data.sections
                .flatMap((section) => section.figures)
                .find((f) => f.key === canvas.dataset.figure);
            if (!figure) {
                continue;
            }
            this.charts.push(
                new Chart(canvas, {
                    type: "line",
                    data: {
                        labels: data.trend_labels,
                        datasets: [
                            {
                                data: figure.trend,
                                borderColor: "#714B67",
                                borderWidth: 1.5,
                                pointRadius: 0,
                                spanGaps: true,
                                tension: 0.3,
                            },
                        ],
                    },
                    options: {
                        animation: false,
                        responsive: true,
                        maintainAspectRatio: false,
                        plugins: {
                            legend: { display: false },
                            tooltip: {
                                callbacks: {
                                    label: (item) => this.format(figure, item.raw),
                                },
                            },
                        },
                        scales: { x: { display: false }, y: { display: false } },
                    },
                })
            );
        }
    }
}

registry.category("actions").add("property_base.dashboard", PropertyDashboard);
