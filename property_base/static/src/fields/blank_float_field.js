import { registry } from "@web/core/registry";
import { FloatField, floatField } from "@web/views/fields/float/float_field";

/**
 * A measured value that is blank, not "0.000", until it is entered: shown
 * empty while the record's `unset_field` still holds `unset_value` (a check
 * "to inspect", a patrol item "to check") and the value is zero.
 */
export class BlankFloatField extends FloatField {
    static props = {
        ...FloatField.props,
        unsetField: { type: String, optional: true },
        unsetValue: { optional: true },
    };

    get isUnset() {
        const { record, name, unsetField, unsetValue } = this.props;
        return !record.data[name] && unsetField && record.data[unsetField] === unsetValue;
    }

    get formattedValue() {
        return this.isUnset ? "" : super.formattedValue;
    }
}

export const blankFloatField = {
    ...floatField,
    component: BlankFloatField,
    extractProps(fieldInfo, dynamicInfo) {
        return {
            ...floatField.extractProps(fieldInfo, dynamicInfo),
            unsetField: fieldInfo.options.unset_field,
            unsetValue: fieldInfo.options.unset_value,
        };
    },
};

registry.category("fields").add("property_blank_float", blankFloatField);
